package dev.healthaudit;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules of the style guide: dependencies point one way (command -> run -> job
 * -> features), and only job/ touches Spring Batch.
 */
class ArchitectureTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.healthaudit");

	@Test
	void onlyTheJobPackageUsesSpringBatch() {
		noClasses().that()
			.resideOutsideOfPackage("dev.healthaudit.job..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework.batch..")
			.check(this.classes);
	}

	@Test
	void featuresDoNotDependOnTheJobOrTheCommand() {
		noClasses().that()
			.resideOutsideOfPackages("dev.healthaudit.job..", "dev.healthaudit.command..", "dev.healthaudit.run..",
					"dev.healthaudit")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.healthaudit.job..", "dev.healthaudit.command..")
			.check(this.classes);
	}

	@Test
	void onlyTheCommandDependsOnTheRun() {
		noClasses().that()
			.resideOutsideOfPackages("dev.healthaudit.run..", "dev.healthaudit.command..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.healthaudit.run..")
			.check(this.classes);
	}

	@Test
	void theRunDoesNotDependOnTheCommand() {
		noClasses().that()
			.resideInAPackage("dev.healthaudit.run..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.healthaudit.command..")
			.check(this.classes);
	}

	@Test
	void packagesAreFreeOfCycles() {
		slices().matching("dev.healthaudit.(*)..").should().beFreeOfCycles().check(this.classes);
	}

	@Test
	void theClientDoesNotKnowTheSandbox() {
		noClasses().that()
			.resideOutsideOfPackages("dev.healthaudit.sandbox..", "dev.healthaudit.command..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.healthaudit.sandbox..")
			.check(this.classes);
	}

	@Test
	void theSandboxStandsAlone() {
		noClasses().that()
			.resideInAPackage("dev.healthaudit.sandbox..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.healthaudit.scalekit..", "dev.healthaudit.probe..", "dev.healthaudit.job..",
					"dev.healthaudit.result..", "dev.healthaudit.report..", "dev.healthaudit.policy..")
			.check(this.classes);
	}

	@Test
	void reportsReadResultsNotTheApi() {
		noClasses().that()
			.resideInAPackage("dev.healthaudit.report..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.healthaudit.scalekit..", "dev.healthaudit.account..")
			.check(this.classes);
	}

}
