package io.github.spellingreports.intake.abuse;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientHasherTests {

    @Test
    void configuredSaltGivesStableHashesAcrossInstances() {
        assertThat(hasher("salt").hash("203.0.113.7")).isEqualTo(hasher("salt").hash("203.0.113.7"))
                .matches("[0-9a-f]{64}");
    }

    @Test
    void differentAddressesGiveDifferentHashes() {
        ClientHasher hasher = hasher("salt");
        assertThat(hasher.hash("203.0.113.7")).isNotEqualTo(hasher.hash("203.0.113.8"));
    }

    @Test
    void hashDependsOnTheSalt() {
        assertThat(hasher("salt").hash("203.0.113.7")).isNotEqualTo(hasher("other").hash("203.0.113.7"));
    }

    @Test
    void emptySaltDrawsARandomSaltPerInstance() {
        ClientHasher first = hasher("");
        assertThat(first.hash("203.0.113.7")).isEqualTo(first.hash("203.0.113.7"))
                .isNotEqualTo(hasher("").hash("203.0.113.7"));
    }

    private static ClientHasher hasher(String salt) {
        return new ClientHasher(salt);
    }

}
