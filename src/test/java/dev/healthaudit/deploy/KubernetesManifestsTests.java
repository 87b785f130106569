package dev.healthaudit.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import dev.healthaudit.finding.Finding;
import dev.healthaudit.policy.AuditPolicy;
import dev.healthaudit.policy.PolicyLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the deployment files under {@code deploy/} against what the app needs (product
 * §6, stack notes §5-§7, §10): they parse, carry the fields that make retries resume and
 * never overlap, take every secret from a Secret, and embed a policy that our own loader
 * accepts. {@code deploy/validate.sh} adds a check against the Kubernetes schemas.
 */
class KubernetesManifestsTests {

	private static final Path DEPLOY = Path.of("deploy");

	private static final Path MANIFESTS = DEPLOY.resolve("kubernetes");

	/** Files kept out of the kustomization on purpose; kustomization.yaml says why. */
	private static final Set<String> NOT_APPLIED = Set.of("secret.example.yaml", "indexed-job.yaml");

	/** The app's audit.shutdown-grace-period default (GracefulStop). */
	private static final int APP_SHUTDOWN_GRACE_SECONDS = 25;

	private static final Set<String> SECRET_VARIABLES = Set.of("SCALEKIT_ENVIRONMENT_URL", "SCALEKIT_CLIENT_ID",
			"SCALEKIT_CLIENT_SECRET", "SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME",
			"SPRING_DATASOURCE_PASSWORD");

	@TempDir
	Path temporary;

	@Test
	void everyManifestParsesIntoNamedObjects() throws IOException {
		List<Path> files = manifestFiles();
		assertThat(files).extracting((file) -> file.getFileName().toString())
			.contains("cronjob.yaml", "indexed-job.yaml", "configmap-policy.yaml", "secret.example.yaml", "pvc.yaml",
					"kustomization.yaml");
		for (Path file : files) {
			List<Map<String, Object>> objects = load(file);
			assertThat(objects).as(file.toString()).isNotEmpty();
			for (Map<String, Object> object : objects) {
				assertThat(object.get("apiVersion")).as(file + ": apiVersion").isInstanceOf(String.class);
				assertThat(object.get("kind")).as(file + ": kind").isInstanceOf(String.class);
				assertThat(string(object, "metadata", "name")).as(file + ": metadata.name").isNotBlank();
			}
		}
	}

	@Test
	void cronJobRunsNightlyWithoutOverlapAndRetriesOnlyWhatCanSucceed() throws IOException {
		Map<String, Object> cronJob = single("cronjob.yaml", "CronJob");
		assertThat(cronJob.get("apiVersion")).isEqualTo("batch/v1");
		Map<String, Object> spec = map(cronJob, "spec");
		assertValidCron(string(spec, "schedule"));
		assertThat(ZoneId.of(string(spec, "timeZone"))).isNotNull();
		assertThat(spec.get("concurrencyPolicy")).isEqualTo("Forbid");
		assertThat(integer(spec, "startingDeadlineSeconds")).isPositive();
		assertThat(integer(spec, "successfulJobsHistoryLimit")).isPositive();
		assertThat(integer(spec, "failedJobsHistoryLimit")).isPositive();

		Map<String, Object> job = map(spec, "jobTemplate", "spec");
		assertThat(integer(job, "backoffLimit")).isBetween(1, 5);
		assertThat(integer(job, "activeDeadlineSeconds")).isPositive();
		assertThat(job.get("podReplacementPolicy")).isEqualTo("Failed");
		String container = string(firstContainer(job), "name");
		assertThat(exitCodeAction(job, container, 2)).isEqualTo("FailJob");
		assertThat(exitCodeAction(job, container, 3)).isEqualTo("FailJob");
		assertThat(exitCodeAction(job, container, 4)).isEqualTo("FailJob");
		assertThat(exitCodeAction(job, container, 5)).as("run-level incident: alert, do not rerun")
			.isEqualTo("FailJob");
		assertThat(exitCodeAction(job, container, 1)).as("exit 1 is retried (and resumes)").isNull();

		assertPodTemplate(job);
	}

	@Test
	void indexedJobGivesEveryShardItsOwnIndexAndRetries() throws IOException {
		Map<String, Object> job = single("indexed-job.yaml", "Job");
		assertThat(job.get("apiVersion")).isEqualTo("batch/v1");
		Map<String, Object> spec = map(job, "spec");
		assertThat(spec.get("completionMode")).isEqualTo("Indexed");
		assertThat(spec.get("podReplacementPolicy")).isEqualTo("Failed");
		int completions = integer(spec, "completions");
		assertThat(integer(spec, "parallelism")).isEqualTo(completions);
		assertThat(integer(spec, "backoffLimitPerIndex")).isPositive();
		assertThat(integer(spec, "maxFailedIndexes")).isBetween(0, completions);
		assertThat(spec).doesNotContainKey("backoffLimit");
		String container = string(firstContainer(spec), "name");
		assertThat(exitCodeAction(spec, container, 2)).isEqualTo("FailJob");
		assertThat(exitCodeAction(spec, container, 3)).isEqualTo("FailIndex");
		assertThat(exitCodeAction(spec, container, 4)).isEqualTo("FailIndex");
		assertThat(exitCodeAction(spec, container, 5)).isEqualTo("FailIndex");
		assertThat(list(firstContainer(spec), "args")).contains("--shard-count=" + completions);

		assertPodTemplate(spec);
	}

	@Test
	void indexedJobRunsTheSamePodAsTheCronJob() throws IOException {
		Map<String, Object> nightly = firstContainer(
				map(single("cronjob.yaml", "CronJob"), "spec", "jobTemplate", "spec"));
		Map<String, Object> sharded = firstContainer(map(single("indexed-job.yaml", "Job"), "spec"));
		for (String key : List.of("image", "resources", "securityContext", "volumeMounts")) {
			assertThat(sharded.get(key)).as(key).isEqualTo(nightly.get(key));
		}
		// the same variables, plus the run key that makes all pods of the Job join one
		// run
		List<Object> shardedEnv = new java.util.ArrayList<>((List<?>) sharded.get("env"));
		Object runKey = shardedEnv.stream()
			.filter((entry) -> "AUDIT_RUN_KEY".equals(((Map<?, ?>) entry).get("name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("AUDIT_RUN_KEY missing in the Indexed Job"));
		assertThat(runKey.toString()).contains("batch.kubernetes.io/job-name");
		shardedEnv.remove(runKey);
		assertThat(shardedEnv).isEqualTo(nightly.get("env"));
	}

	@Test
	void embeddedPolicyLoadsWithTheAppsLoader() throws IOException {
		Map<String, Object> configMap = single("configmap-policy.yaml", "ConfigMap");
		Map<String, Object> data = map(configMap, "data");
		Map<String, Object> cronJob = single("cronjob.yaml", "CronJob");
		Map<String, Object> pod = map(cronJob, "spec", "jobTemplate", "spec", "template", "spec");
		String policyArgument = list(firstContainer(map(cronJob, "spec", "jobTemplate", "spec")), "args").stream()
			.map(String::valueOf)
			.filter((argument) -> argument.startsWith("--policy="))
			.findFirst()
			.orElseThrow();
		Path policyPath = Path.of(policyArgument.substring("--policy=".length()));
		String mountPath = mountPathOf(pod, "configMap", string(configMap, "metadata", "name"));
		assertThat(policyPath.getParent()).isEqualTo(Path.of(mountPath));
		String key = policyPath.getFileName().toString();
		assertThat(data).containsKey(key);

		Path file = Files.writeString(this.temporary.resolve(key), (String) data.get(key), StandardCharsets.UTF_8);
		AuditPolicy policy = PolicyLoader.load(file, Map.of());

		assertThat(policy.name()).isEqualTo("nightly");
		assertThat(policy.failOn()).contains(Finding.EXPIRED);
	}

	@Test
	void kustomizationListsEveryManifestButTheExamples() throws IOException {
		Map<String, Object> kustomization = load(MANIFESTS.resolve("kustomization.yaml")).get(0);
		assertThat(kustomization.get("kind")).isEqualTo("Kustomization");
		Set<String> listed = new TreeSet<>();
		list(kustomization, "resources").forEach((resource) -> listed.add((String) resource));
		Set<String> expected = new TreeSet<>();
		for (Path file : manifestFiles()) {
			String name = file.getFileName().toString();
			if (!name.equals("kustomization.yaml") && !NOT_APPLIED.contains(name)) {
				expected.add(name);
			}
		}
		assertThat(listed).isEqualTo(expected);
	}

	@Test
	void secretExampleHoldsEveryKeyThePodsReadAndOnlyFakeValues() throws IOException {
		Map<String, Object> secret = single("secret.example.yaml", "Secret");
		Map<String, Object> values = map(secret, "stringData");
		assertThat(secret).doesNotContainKey("data");
		assertThat(values.keySet()).isEqualTo(SECRET_VARIABLES);
		values.forEach(
				(key, value) -> assertThat(String.valueOf(value)).as(key).containsPattern("FAKE|example\\.invalid"));
		Map<String, Object> job = map(single("cronjob.yaml", "CronJob"), "spec", "jobTemplate", "spec");
		for (Object entry : list(firstContainer(job), "env")) {
			Map<String, Object> variable = cast(entry);
			if (variable.containsKey("valueFrom")) {
				assertThat(string(variable, "valueFrom", "secretKeyRef", "name"))
					.isEqualTo(string(secret, "metadata", "name"));
				assertThat(values).containsKey(string(variable, "valueFrom", "secretKeyRef", "key"));
			}
		}
	}

	@Test
	void imageRunsTheJarAsNonRootWithContainerAwareMemory() throws IOException {
		String dockerfile = Files.readString(DEPLOY.resolve("Dockerfile"));
		assertThat(dockerfile).containsPattern("(?m)^FROM \\S*17\\S*jre");
		assertThat(dockerfile).containsPattern("(?m)^USER 10001");
		assertThat(dockerfile).containsPattern("(?m)^COPY target/account-health-audit\\.jar ");
		assertThat(dockerfile).containsPattern("(?m)^ENTRYPOINT \\[\"java\", .*\"-XX:MaxRAMPercentage=75\"");
		// HotSpot exits with 3 on ExitOnOutOfMemoryError, which is our "findings" exit
		// code
		assertThat(dockerfile).doesNotContainPattern("(?m)^ENTRYPOINT.*ExitOnOutOfMemoryError");
		Map<String, Object> pod = map(single("cronjob.yaml", "CronJob"), "spec", "jobTemplate", "spec", "template",
				"spec");
		assertThat(integer(map(pod, "securityContext"), "runAsUser")).isEqualTo(10001);
	}

	@Test
	void imageHoldsTheJarInLayersLeastChangedFirst() throws IOException {
		String dockerfile = Files.readString(DEPLOY.resolve("Dockerfile"));
		assertThat(dockerfile).containsPattern(
				"(?m)^RUN java -Djarmode=tools -jar account-health-audit\\.jar extract --layers --launcher ");
		List<String> layers = dockerfile.lines()
			.filter((line) -> line.matches("COPY --from=\\S+ \\S+/extracted/[^/]+/ /opt/account-health-audit/"))
			.map((line) -> line.replaceFirst(".*/extracted/([^/]+)/ .*", "$1"))
			.toList();
		// one image layer each, so that a release that changes only our classes pushes
		// only the last one
		assertThat(layers).containsExactly("dependencies", "spring-boot-loader", "snapshot-dependencies",
				"application");
		assertThat(dockerfile).containsPattern("(?m)^ENTRYPOINT \\[.*\"-cp\", \"/opt/account-health-audit\", "
				+ "\"org\\.springframework\\.boot\\.loader\\.launch\\.JarLauncher\"\\]$");
		List<Object> args = list(firstContainer(map(single("cronjob.yaml", "CronJob"), "spec", "jobTemplate", "spec")),
				"args");
		assertThat(dockerfile.lines()).as("the image's default arguments are the CronJob's")
			.contains(args.stream().map((arg) -> "\"" + arg + "\"").collect(Collectors.joining(", ", "CMD [", "]")));
	}

	@Test
	void crontabLineIsAValidNightlyEntry() throws IOException {
		List<String> entries = Files.readAllLines(DEPLOY.resolve("crontab"))
			.stream()
			.filter((line) -> !line.isBlank() && !line.startsWith("#") && !line.matches("^[A-Z_]+=.*"))
			.toList();
		assertThat(entries).hasSize(1);
		String[] fields = entries.get(0).trim().split("\\s+", 6);
		assertValidCron(String.join(" ", List.of(fields).subList(0, 5)));
		String command = fields[5];
		assertThat(command).startsWith("cd ").contains("--policy=").contains(">>").contains("2>&1");
		assertThat(command).as("cron treats %% as a newline").doesNotContain("%");
	}

	private void assertPodTemplate(Map<String, Object> jobSpec) {
		Map<String, Object> pod = map(jobSpec, "template", "spec");
		assertThat(pod.get("restartPolicy")).isEqualTo("Never");
		assertThat(integer(pod, "terminationGracePeriodSeconds")).isGreaterThan(APP_SHUTDOWN_GRACE_SECONDS);
		assertThat(map(pod, "securityContext").get("runAsNonRoot")).isEqualTo(true);

		Map<String, Object> container = firstContainer(jobSpec);
		assertThat(string(container, "resources", "requests", "cpu")).isNotBlank();
		assertThat(string(container, "resources", "requests", "memory")).isNotBlank();
		assertThat(string(container, "resources", "limits", "cpu")).isNotBlank();
		assertThat(string(container, "resources", "limits", "memory")).isNotBlank();
		Map<String, Object> security = map(container, "securityContext");
		assertThat(security.get("readOnlyRootFilesystem")).isEqualTo(true);
		assertThat(security.get("allowPrivilegeEscalation")).isEqualTo(false);
		assertThat(list(security, "capabilities", "drop")).containsExactly("ALL");

		Set<String> fromSecrets = new TreeSet<>();
		for (Object entry : list(container, "env")) {
			Map<String, Object> variable = cast(entry);
			String name = string(variable, "name");
			if (SECRET_VARIABLES.contains(name) || name.startsWith("SCALEKIT_") || name.contains("PASSWORD")
					|| name.contains("SECRET")) {
				assertThat(variable).as(name + " must not be inline").doesNotContainKey("value");
				assertThat(string(variable, "valueFrom", "secretKeyRef", "key")).as(name).isEqualTo(name);
				fromSecrets.add(name);
			}
		}
		assertThat(fromSecrets).isEqualTo(SECRET_VARIABLES);
		assertThat(string(variableNamed(container, "AUDIT_SHUTDOWN_GRACE_PERIOD"), "value"))
			.isEqualTo(APP_SHUTDOWN_GRACE_SECONDS + "s");

		List<String> args = list(container, "args").stream().map(String::valueOf).toList();
		assertThat(args).contains("--policy=/app/jobs/nightly.yml", "--reports-dir=/app/reports");
		assertThat(mountPathOf(pod, "persistentVolumeClaim", "account-health-audit-reports")).isEqualTo("/app/reports");
		assertThat(mountPathOf(pod, "configMap", "account-health-audit-policy")).isEqualTo("/app/jobs");
		// every writable path of the read-only root filesystem is a volume
		assertThat(mountPathOf(pod, "emptyDir", null)).isEqualTo("/tmp");
	}

	/**
	 * The action of the podFailurePolicy rule that matches {@code exitCode} of
	 * {@code container}, or null.
	 */
	private static String exitCodeAction(Map<String, Object> jobSpec, String container, int exitCode) {
		for (Object entry : list(jobSpec, "podFailurePolicy", "rules")) {
			Map<String, Object> rule = cast(entry);
			if (!rule.containsKey("onExitCodes")) {
				continue;
			}
			Map<String, Object> codes = map(rule, "onExitCodes");
			Object ruleContainer = codes.get("containerName");
			boolean forContainer = ruleContainer == null || ruleContainer.equals(container);
			boolean listed = list(codes, "values").contains(exitCode);
			boolean matches = "In".equals(codes.get("operator")) ? listed : !listed;
			if (forContainer && matches) {
				return string(rule, "action");
			}
		}
		return null;
	}

	/**
	 * The mount path of the volume whose {@code type} source names {@code source} (any,
	 * when null).
	 */
	private static String mountPathOf(Map<String, Object> pod, String type, String source) {
		String volumeName = null;
		for (Object entry : list(pod, "volumes")) {
			Map<String, Object> volume = cast(entry);
			if (volume.containsKey(type)) {
				Map<String, Object> settings = map(volume, type);
				Object named = settings.containsKey("claimName") ? settings.get("claimName") : settings.get("name");
				if (source == null || source.equals(named)) {
					volumeName = string(volume, "name");
				}
			}
		}
		assertThat(volumeName).as("a " + type + " volume of " + source).isNotNull();
		for (Object entry : list(cast(list(pod, "containers").get(0)), "volumeMounts")) {
			Map<String, Object> mount = cast(entry);
			if (volumeName.equals(mount.get("name"))) {
				return string(mount, "mountPath");
			}
		}
		throw new AssertionError("volume " + volumeName + " is not mounted");
	}

	private static Map<String, Object> variableNamed(Map<String, Object> container, String name) {
		return list(container, "env").stream()
			.map(KubernetesManifestsTests::cast)
			.filter((variable) -> name.equals(variable.get("name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no env " + name));
	}

	private static void assertValidCron(String expression) {
		String[] fields = expression.trim().split("\\s+");
		assertThat(fields).as("5 fields in '" + expression + "'").hasSize(5);
		int[][] ranges = { { 0, 59 }, { 0, 23 }, { 1, 31 }, { 1, 12 }, { 0, 7 } };
		Pattern element = Pattern.compile("(\\*|(\\d+)(?:-(\\d+))?)(?:/(\\d+))?");
		for (int i = 0; i < 5; i++) {
			for (String part : fields[i].split(",", -1)) {
				var matcher = element.matcher(part);
				assertThat(matcher.matches()).as("cron field '" + fields[i] + "'").isTrue();
				for (int group : new int[] { 2, 3 }) {
					if (matcher.group(group) != null) {
						assertThat(Integer.parseInt(matcher.group(group))).as("cron field '" + fields[i] + "'")
							.isBetween(ranges[i][0], ranges[i][1]);
					}
				}
				if (matcher.group(4) != null) {
					assertThat(Integer.parseInt(matcher.group(4))).isPositive();
				}
			}
		}
	}

	private static Map<String, Object> firstContainer(Map<String, Object> jobSpec) {
		List<Object> containers = list(jobSpec, "template", "spec", "containers");
		assertThat(containers).hasSize(1);
		return cast(containers.get(0));
	}

	private static Map<String, Object> single(String file, String kind) throws IOException {
		List<Map<String, Object>> objects = load(MANIFESTS.resolve(file));
		assertThat(objects).as(file).hasSize(1);
		assertThat(objects.get(0).get("kind")).as(file).isEqualTo(kind);
		return objects.get(0);
	}

	private static List<Path> manifestFiles() throws IOException {
		try (Stream<Path> files = Files.list(MANIFESTS)) {
			return files.filter((file) -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
				.sorted()
				.toList();
		}
	}

	private static List<Map<String, Object>> load(Path file) throws IOException {
		List<Map<String, Object>> objects = new ArrayList<>();
		try (InputStream in = Files.newInputStream(file)) {
			for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(in)) {
				if (document != null) {
					assertThat(document).as(file + ": a YAML mapping").isInstanceOf(Map.class);
					objects.add(cast(document));
				}
			}
		}
		return objects;
	}

	private static Object at(Map<String, Object> root, String... path) {
		Object current = root;
		for (String key : path) {
			assertThat(current).as(String.join(".", path) + " at " + key).isInstanceOf(Map.class);
			current = ((Map<?, ?>) current).get(key);
			assertThat(current).as(String.join(".", path)).isNotNull();
		}
		return current;
	}

	private static Map<String, Object> map(Map<String, Object> root, String... path) {
		return cast(at(root, path));
	}

	private static List<Object> list(Map<String, Object> root, String... path) {
		Object value = at(root, path);
		assertThat(value).as(String.join(".", path)).isInstanceOf(List.class);
		@SuppressWarnings("unchecked")
		List<Object> list = (List<Object>) value;
		return list;
	}

	private static String string(Map<String, Object> root, String... path) {
		Object value = at(root, path);
		assertThat(value).as(String.join(".", path)).isInstanceOf(String.class);
		return (String) value;
	}

	private static int integer(Map<String, Object> root, String... path) {
		Object value = at(root, path);
		assertThat(value).as(String.join(".", path)).isInstanceOf(Integer.class);
		return (Integer) value;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> cast(Object value) {
		assertThat(value).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

}
