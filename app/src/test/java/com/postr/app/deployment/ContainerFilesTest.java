package com.postr.app.deployment;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container files, checked by reading them (no Docker engine is needed to build or test): the image build
 * copies every module the build lists, and the compose stack wires the app to its database and Axon Server
 * with no built-in secret.
 */
class ContainerFilesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theImageBuildCopiesEveryModuleOfTheBuild() throws Exception {
        var pom = Files.readString(ROOT.resolve("pom.xml"));
        var modules = Pattern.compile("<module>([^<]+)</module>").matcher(pom).results().map(m -> m.group(1))
                .toList();
        assertThat(modules).contains("api", "app", "identity");
        var dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        for (var module : modules) {
            assertThat(dockerfile).as("Dockerfile copies module " + module).containsPattern(
                    "(?m)^COPY " + Pattern.quote(module) + " " + Pattern.quote(module) + "$");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theComposeStackWiresTheAppWithoutBuiltInSecrets() throws Exception {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        var services = (Map<String, Map<String, Object>>) compose.get("services");
        assertThat(services).containsKeys("postgres", "axonserver", "elasticsearch", "app");
        var app = services.get("app");
        assertThat(app.get("build")).isEqualTo(".");
        var environment = (Map<String, Object>) app.get("environment");
        assertThat(environment.get("SPRING_DATASOURCE_URL")).asString().contains("//postgres:5432/");
        assertThat(environment.get("AXONSERVER_SERVERS")).asString().startsWith("axonserver:");
        assertThat(environment.get("POSTR_SEARCH_ELASTICSEARCH_URIS")).isEqualTo("http://elasticsearch:9200");
        assertThat((Map<String, Object>) app.get("depends_on")).containsKey("elasticsearch");
        var elasticsearch = services.get("elasticsearch");
        assertThat(elasticsearch.get("image")).asString().contains("elasticsearch:8.19");
        assertThat((Map<String, Object>) elasticsearch.get("environment"))
                .containsEntry("discovery.type", "single-node");
        for (var secret : List.of("SPRING_DATASOURCE_PASSWORD", "POSTR_ADMIN_PASSWORD")) {
            assertThat(environment.get(secret)).as(secret).asString().startsWith("${").contains(":?");
        }
    }
}
