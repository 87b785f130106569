package dev.healthaudit.result;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.healthaudit.account.AccountRef;
import dev.healthaudit.finding.Finding;
import dev.healthaudit.probe.AuditResult;
import dev.healthaudit.probe.Evidence;
import dev.healthaudit.probe.ProbeReport.ProbeStatus;
import dev.healthaudit.probe.Verdict;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A journaled result keeps its {@code last_used_at} reading, so a restart that takes it
 * loses no history.
 */
class JournalEntryTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void theLastUseReadingSurvivesTheJournal() {
		AuditResult result = new AuditResult(new AccountRef("gmail", "ann", 2, Map.of("email", "a@x")), "ca_1",
				"ACTIVE", new Verdict(List.of(Finding.HEALTHY), Evidence.NONE, Optional.empty()), List.of(),
				List.of("openid"), "probe", ProbeStatus.SUCCEEDED, Instant.parse("2026-04-01T02:00:05Z"),
				Optional.empty(), "", Optional.of(Instant.parse("2026-03-30T10:00:00Z")));
		String stored = this.json.writeValueAsString(JournalEntry.of(result));
		AuditResult back = this.json.readValue(stored, JournalEntry.class).toResult("gmail", "ann", 2);
		assertThat(back.lastUsedAt()).contains(Instant.parse("2026-03-30T10:00:00Z"));
		assertThat(back).isEqualTo(result);
	}

	@Test
	void anEntryJournaledBeforeTheReadingExistedHasNone() {
		AuditResult result = new AuditResult(new AccountRef("gmail", "ann", 2, Map.of()), "ca_1", "ACTIVE",
				new Verdict(List.of(Finding.HEALTHY), Evidence.NONE, Optional.empty()), List.of(), List.of(), "",
				ProbeStatus.NOT_RUN, Instant.parse("2026-04-01T02:00:05Z"), Optional.empty(), "");
		String stored = this.json.writeValueAsString(JournalEntry.of(result)).replace(",\"lastUsedAt\":null", "");
		assertThat(stored).doesNotContain("lastUsedAt");
		assertThat(this.json.readValue(stored, JournalEntry.class).toResult("gmail", "ann", 2).lastUsedAt()).isEmpty();
	}

}
