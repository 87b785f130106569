package dev.healthaudit.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One CSV line per request as it is answered,
 * {@code arrival_ms,answered_ms,method,path,connector,identifier,status}, for benchmarks
 * that follow single accounts across processes (which accounts a restarted job audited
 * again, and when their first audit had finished). Connector and identifier come from the
 * query or the JSON body, as the API reads them ({@code id}/{@code connected_account_id}
 * in the identifier column when the pair is not given); status 0 means no answer was
 * sent. Streamed to the file, so memory does not grow with the run.
 */
final class RequestLog implements AutoCloseable {

	static final String HEADER = "arrival_ms,answered_ms,method,path,connector,identifier,status";

	private static final JsonMapper JSON = JsonMapper.shared();

	private final Writer out;

	private boolean closed;

	private RequestLog(Writer out) {
		this.out = out;
	}

	static RequestLog open(Path file) {
		try {
			Writer out = Files.newBufferedWriter(file);
			out.write(HEADER + "\n");
			return new RequestLog(out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the request log " + file, ex);
		}
	}

	synchronized void log(long arrivalMillis, long answeredMillis, String method, String path, String rawQuery,
			String body, int status) {
		if (this.closed) {
			return;
		}
		String[] subject = subject(method, rawQuery, body);
		try {
			this.out.write(arrivalMillis + "," + answeredMillis + "," + cell(method) + "," + cell(path) + ","
					+ cell(subject[0]) + "," + cell(subject[1]) + "," + status + "\n");
		}
		catch (IOException ex) {
			// a benchmark aid: a full disk must not fail the API
		}
	}

	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		try {
			this.out.close();
		}
		catch (IOException ex) {
			// nothing more to write
		}
	}

	/**
	 * Connector and identifier of a request, blank where it names none. Never fails on a
	 * malformed request.
	 */
	static String[] subject(String method, String rawQuery, String body) {
		try {
			if (method.equals("POST") && body != null && body.strip().startsWith("{")) {
				JsonNode json = JSON.readTree(body);
				return new String[] { text(json, "connector"),
						firstNonBlank(text(json, "identifier"), text(json, "connected_account_id"), text(json, "id")) };
			}
			QueryParams query = QueryParams.parse(rawQuery);
			return new String[] { query.first("connector").orElse(""),
					firstNonBlank(query.first("identifier").orElse(""), query.first("id").orElse("")) };
		}
		catch (JacksonException | ApiException ex) {
			return new String[] { "", "" };
		}
	}

	private static String text(JsonNode json, String field) {
		JsonNode value = json.path(field);
		return value.isString() ? value.stringValue() : "";
	}

	private static String firstNonBlank(String... values) {
		for (String value : values) {
			if (!value.isBlank()) {
				return value;
			}
		}
		return "";
	}

	/** RFC 4180: quoted when it holds a comma, a quote or a line break. */
	private static String cell(String value) {
		if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
			return value;
		}
		return "\"" + value.replace("\"", "\"\"") + "\"";
	}

}
