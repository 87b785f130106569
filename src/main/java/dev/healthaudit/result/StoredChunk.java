package dev.healthaudit.result;

/**
 * What one chunk stored.
 *
 * @param results accounts audited
 * @param rejects input records rejected, duplicates of earlier lines included
 * @param deferred accounts waiting for the second pass
 */
public record StoredChunk(int results, int rejects, int deferred) {

}
