package dev.healthaudit.scalekit;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * Reads an answer's body as it streams in, up to a limit: a body that declares or reaches
 * more than the limit is not read further and its connection is closed (by cancelling the
 * subscription), so a server cannot make the client hold more than the limit in memory.
 * One instance per exchange.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<BoundedBody.Body> {

	private final long limit;

	private final CompletableFuture<Body> result = new CompletableFuture<>();

	/** Volatile: the deadline may abandon the exchange from another thread. */
	private volatile Flow.Subscription subscription;

	private byte @Nullable [] buffer;

	private int size;

	private BoundedBody(long limit, long declaredLength) {
		this.limit = limit;
		// a declared length (within the limit) sizes the buffer once; else it grows from
		// a few KB
		this.buffer = new byte[(int) ((declaredLength >= 0) ? declaredLength : Math.min(limit, 8192))];
	}

	/**
	 * A handler whose bodies are read up to {@code successLimit} for a 2xx answer and
	 * {@code errorLimit} for any other; the body subscriber of the current exchange is
	 * left in {@code current} so that the deadline can cancel it.
	 */
	static HttpResponse.BodyHandler<Body> handler(long successLimit, long errorLimit,
			AtomicReference<BoundedBody> current) {
		return (info) -> {
			long limit = (info.statusCode() / 100 == 2) ? successLimit : errorLimit;
			long declared = declaredLength(info);
			BoundedBody body = new BoundedBody(limit, (declared <= limit) ? declared : -1);
			current.set(body);
			if (declared > limit) {
				body.result.complete(new Body.TooLarge(limit));
			}
			return body;
		};
	}

	private static long declaredLength(HttpResponse.ResponseInfo info) {
		try {
			return info.headers().firstValueAsLong("Content-Length").orElse(-1);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	@Override
	public void onSubscribe(Flow.Subscription subscription) {
		this.subscription = subscription;
		if (this.result.isDone()) {
			subscription.cancel();
		}
		else {
			subscription.request(1);
		}
	}

	@Override
	public void onNext(List<ByteBuffer> items) {
		if (this.result.isDone()) {
			// cancelled already (too large, or past the deadline): ignore what was still
			// on its way
			return;
		}
		for (ByteBuffer item : items) {
			int remaining = item.remaining();
			if ((long) this.size + remaining > this.limit) {
				this.result.complete(new Body.TooLarge(this.limit));
				this.subscription.cancel();
				return;
			}
			if (this.size + remaining > this.buffer.length) {
				int grown = (int) Math.min(this.limit, Math.max((long) this.buffer.length * 2, this.size + remaining));
				this.buffer = Arrays.copyOf(this.buffer, grown);
			}
			item.get(this.buffer, this.size, remaining);
			this.size += remaining;
		}
		this.subscription.request(1);
	}

	@Override
	public void onError(Throwable throwable) {
		this.result.completeExceptionally(throwable);
	}

	@Override
	public void onComplete() {
		this.result.complete(new Body.Bytes(
				(this.size == this.buffer.length) ? this.buffer : Arrays.copyOf(this.buffer, this.size)));
		this.buffer = null;
	}

	@Override
	public CompletionStage<Body> getBody() {
		return this.result;
	}

	/**
	 * Stops reading (the deadline passed): the subscription is cancelled, which closes
	 * the connection.
	 */
	void abandon() {
		Flow.Subscription current = this.subscription;
		if (current != null) {
			current.cancel();
		}
	}

	/** What was read of a body. */
	sealed interface Body {

		/** The whole body, at most the limit. */
		record Bytes(byte[] bytes) implements Body {
		}

		/** The body was longer than {@code limit} bytes; nothing of it is kept. */
		record TooLarge(long limit) implements Body {
		}

	}

}
