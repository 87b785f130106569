package dev.healthaudit.scalekit;

import java.util.function.Function;

/**
 * The outcome of one API call: a value, or one of the closed set of {@link ApiFailure}s.
 *
 * @param <T> the type of a successful answer
 */
public sealed interface CallResult<T> {

	static <T> CallResult<T> success(T value) {
		return new Success<>(value);
	}

	static <T> CallResult<T> failure(ApiFailure failure) {
		return new Failure<>(failure);
	}

	default boolean succeeded() {
		return this instanceof Success;
	}

	default <R> CallResult<R> map(Function<T, R> mapper) {
		if (this instanceof Success<T> success) {
			return new Success<>(mapper.apply(success.value()));
		}
		return new Failure<>(((Failure<T>) this).failure());
	}

	record Success<T>(T value) implements CallResult<T> {
	}

	record Failure<T>(ApiFailure failure) implements CallResult<T> {
	}

}
