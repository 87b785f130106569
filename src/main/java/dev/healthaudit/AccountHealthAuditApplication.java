package dev.healthaudit;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import dev.healthaudit.command.StartupFailures;

/** Entry point: runs one audit and exits with its exit code (product §6). */
@SpringBootApplication
public class AccountHealthAuditApplication {

	public static void main(String[] args) {
		int code;
		try {
			code = SpringApplication.exit(SpringApplication.run(AccountHealthAuditApplication.class, args));
		}
		catch (RuntimeException ex) {
			// Spring Boot has already reported the failure (with a failure analysis where
			// one applies)
			code = StartupFailures.exitCode(ex);
		}
		System.exit(code);
	}

}
