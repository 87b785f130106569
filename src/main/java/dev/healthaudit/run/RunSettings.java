package dev.healthaudit.run;

import java.time.Duration;

/**
 * What this installation sets for every run, whatever its policy.
 *
 * @param chunkSize accounts per chunk, or 0 for the job's default for the policy's
 * concurrency
 * @param progressInterval how often a progress line is logged
 * @param maxRejectShare the largest share of CSV input records that may be rejected
 * before the input is refused
 */
public record RunSettings(int chunkSize, Duration progressInterval, double maxRejectShare) {
}
