package io.github.spellingreports.standalone;

import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.DefaultValue;

import static org.assertj.core.api.Assertions.assertThat;

class UsageTests {

    @Test
    void theTextNamesEverySettingWithItsDefault() throws Exception {
        RecordComponent[] components = StandaloneSettings.class.getRecordComponents();
        // the defaults are on the canonical constructor's parameters, where the binder reads them
        Parameter[] parameters = StandaloneSettings.class.getDeclaredConstructor(
                Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new)).getParameters();
        for (int i = 0; i < components.length; i++) {
            String name = StandaloneSettings.name(components[i].getName());
            if (Map.class.equals(components[i].getType())) {
                assertThat(Usage.TEXT).contains("--" + name + ".<setting>=<value>");
                continue;
            }
            String defaultValue = parameters[i].getAnnotation(DefaultValue.class).value()[0];
            assertThat(Usage.TEXT).as(name).contains("--" + name + "=" + defaultValue + " ");
        }
    }

    @Test
    void theReadmesTableOfTheStandalonesSettingsHasTheSameOnes() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        for (RecordComponent component : StandaloneSettings.class.getRecordComponents()) {
            String name = StandaloneSettings.name(component.getName());
            assertThat(readme).as(name).contains("| `" + name);
        }
    }

    @Test
    void theVersionLineNamesTheProduct() {
        // from target/classes there is no jar manifest; the extracted jar's is checked by RunCommandIT
        assertThat(Usage.version()).startsWith("spelling-reports standalone ");
        assertThat(Usage.TEXT).contains("--version prints the version");
    }

    @Test
    void helpIsAskedForTheUsualWays() {
        assertThat(Usage.asked("--help")).isTrue();
        assertThat(Usage.asked("--spelling.standalone.intake-port=8090", "-h")).isTrue();
        assertThat(Usage.asked("-?")).isTrue();
        assertThat(Usage.asked()).isFalse();
        assertThat(Usage.asked("--spelling.standalone.data-dir=/srv/help")).isFalse();
    }

}
