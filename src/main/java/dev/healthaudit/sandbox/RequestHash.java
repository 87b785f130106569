package dev.healthaudit.sandbox;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * The deterministic draws behind injected faults and noise: a request's text hashed with
 * a seed, so that which requests are hit depends on the seed and the request only, never
 * on timing or thread order.
 */
final class RequestHash {

	private RequestHash() {
	}

	/** The text a request is known by: method, path, query and body. */
	static String key(String method, String path, @Nullable String query, String body) {
		return method + " " + path + "?" + ((query != null) ? query : "") + "\n" + body;
	}

	/** A number in [0, 1) from the high bits of a draw. */
	static double unit(long bits) {
		return (bits >>> 11) * 0x1.0p-53;
	}

	/** FNV-1a over the text's UTF-8 bytes. */
	static long fnv(String text) {
		long hash = 0xcbf29ce484222325L;
		for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
			hash ^= b & 0xff;
			hash *= 0x100000001b3L;
		}
		return hash;
	}

	/** SplitMix64's finaliser: spreads close inputs over the whole range. */
	static long mix(long value) {
		long z = value + 0x9e3779b97f4a7c15L;
		z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
		z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
		return z ^ (z >>> 31);
	}

}
