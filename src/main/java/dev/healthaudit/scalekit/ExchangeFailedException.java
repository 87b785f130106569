package dev.healthaudit.scalekit;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletionException;

import javax.net.ssl.SSLException;

/**
 * An exchange that ended without an answer, as one of the {@link ApiFailure}s for it
 * ({@code TimedOut} or {@code NetworkError}). Its message is that failure's description:
 * the message of the I/O exception behind it is never used, since some (a malformed
 * status line, a bad header) quote what the server sent, and a server can send anything,
 * our token included.
 */
final class ExchangeFailedException extends IOException {

	private final transient ApiFailure failure;

	ExchangeFailedException(ApiFailure failure) {
		super(failure.describe(), null);
		this.failure = failure;
	}

	ApiFailure failure() {
		return this.failure;
	}

	/**
	 * Why an exchange failed, from what the JDK client threw.
	 * @param host the host the request went to
	 * @param connectTimeout the client's connect timeout
	 * @param timeout the request's timeout for the answer's headers
	 */
	static ExchangeFailedException from(Throwable thrown, String host, Duration connectTimeout, Duration timeout) {
		return new ExchangeFailedException(failure(thrown, host, connectTimeout, timeout));
	}

	static String seconds(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
	}

	private static ApiFailure failure(Throwable thrown, String host, Duration connectTimeout, Duration timeout) {
		Throwable cause = thrown;
		while (cause instanceof CompletionException && cause.getCause() != null) {
			cause = cause.getCause();
		}
		if (cause instanceof HttpConnectTimeoutException) {
			return new ApiFailure.TimedOut("no connection within " + seconds(connectTimeout));
		}
		if (cause instanceof HttpTimeoutException) {
			return new ApiFailure.TimedOut("no answer within " + seconds(timeout));
		}
		if (cause instanceof ConnectException) {
			return new ApiFailure.NetworkError("cannot connect to " + host);
		}
		if (cause instanceof ProtocolException) {
			return new ApiFailure.NetworkError("not a valid HTTP answer");
		}
		if (cause instanceof SSLException) {
			return new ApiFailure.NetworkError("TLS failure (" + cause.getClass().getSimpleName() + ")");
		}
		if (isClosedConnection(cause)) {
			return new ApiFailure.NetworkError("connection closed before the answer was complete");
		}
		if (cause instanceof SocketException && String.valueOf(cause.getMessage()).contains("reset")) {
			return new ApiFailure.NetworkError("connection reset");
		}
		return new ApiFailure.NetworkError("connection failed (" + cause.getClass().getSimpleName() + ")");
	}

	/**
	 * A peer that closed the connection before the answer was complete: an
	 * {@link EOFException} somewhere in the chain, or the JDK client's words for it
	 * (matched, never repeated).
	 */
	private static boolean isClosedConnection(Throwable cause) {
		for (Throwable link = cause; link != null; link = link.getCause()) {
			if (link instanceof EOFException) {
				return true;
			}
		}
		String message = String.valueOf(cause.getMessage());
		return cause instanceof IOException && (message.contains("received no bytes") || message.contains("closed"));
	}

}
