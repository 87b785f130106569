package dev.healthaudit;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point: runs one audit and exits with its exit code. */
@SpringBootApplication
public class AccountHealthAuditApplication {

	public static void main(String[] args) {
		System.exit(SpringApplication.exit(SpringApplication.run(AccountHealthAuditApplication.class, args)));
	}

}
