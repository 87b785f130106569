package dev.healthaudit.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ArrivalTimelineTests {

	@Test
	void countsRequestsPerTenthOfASecondWithTheQuietTenthsBetween(@TempDir Path directory) throws Exception {
		ArrivalTimeline timeline = new ArrivalTimeline();
		timeline.arrived(1_000_050);
		timeline.arrived(1_000_099);
		timeline.arrived(1_000_100);
		timeline.arrived(1_000_399);

		Path file = directory.resolve("timeline.csv");
		timeline.write(file);

		assertThat(Files.readAllLines(file)).containsExactly("epoch_ms,requests,refused", "1000000,2,0", "1000100,1,0",
				"1000200,0,0", "1000300,1,0");
	}

	@Test
	void countsRefusalsInTheTenthTheRefusedRequestArrived(@TempDir Path directory) throws Exception {
		ArrivalTimeline timeline = new ArrivalTimeline();
		timeline.arrived(2_000_010);
		timeline.arrived(2_000_020);
		timeline.refused(2_000_020);
		timeline.arrived(2_000_250);
		timeline.refused(2_000_250);
		timeline.arrived(2_000_260);

		Path file = directory.resolve("timeline.csv");
		timeline.write(file);

		assertThat(Files.readAllLines(file)).containsExactly("epoch_ms,requests,refused", "2000000,2,1", "2000100,0,0",
				"2000200,2,1");
	}

	@Test
	void anEmptyTimelineHasOnlyItsHeader(@TempDir Path directory) throws Exception {
		Path file = directory.resolve("timeline.csv");
		new ArrivalTimeline().write(file);

		assertThat(Files.readAllLines(file)).containsExactly("epoch_ms,requests,refused");
	}

}
