package io.github.spellingreports.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class FootprintTests {

    @Test
    void theParentIsReadAfterTheCommandsNameWhateverItHolds() {
        assertThat(Footprint.parentOf("4242 (postgres: checkpointer) S 4100 4100 4100 0 -1 4194560 207 0 0 0")).isEqualTo(4100);
        assertThat(Footprint.parentOf("77 (a) b (c)) R 1 77 77 0")).isEqualTo(1);
    }

    @Test
    void pssIsTheRollupsPssLineNotItsParts() {
        String rollup = """
                5590c000-7ffd1000 ---p 00000000 00:00 0                                  [rollup]
                Rss:              123456 kB
                Pss:               98765 kB
                Pss_Dirty:         50000 kB
                Pss_Anon:          40000 kB
                Pss_File:          30000 kB
                Pss_Shmem:         28765 kB
                Shared_Clean:      10000 kB
                """;

        assertThat(Footprint.pssKb(rollup)).isEqualTo(98765);
    }

    @Test
    void theServersProcessesAreItsPidFilesPidAndEveryDescendant(@TempDir Path cluster) throws IOException {
        Files.writeString(cluster.resolve("postmaster.pid"), "4100\n/tmp/data/postgres\n1733400000\n5432\n");
        Map<Long, Long> parents = Map.of(4100L, 1L, 4242L, 4100L, 4243L, 4100L, 5000L, 4243L, 6000L, 1L);

        assertThat(Footprint.postmasterPid(cluster)).hasValue(4100);
        assertThat(Footprint.tree(4100, parents)).containsExactlyInAnyOrder(4100L, 4242L, 4243L, 5000L);
    }

    /** /proc is Linux's: the bench's footprint is measured there only, and the build runs elsewhere too. */
    @Test
    @EnabledOnOs(OS.LINUX)
    void aTreesPssCountsItsChildren() throws Exception {
        Process child = new ProcessBuilder("sleep", "30").start();
        try {
            long self = ProcessHandle.current().pid();
            List<Long> tree = Footprint.tree(self, Footprint.parents());

            assertThat(tree).contains(self, child.pid());
            assertThat(Footprint.pssMb(tree)).isGreaterThan(Footprint.pssMb(List.of(self)));
        }
        finally {
            child.destroyForcibly();
        }
    }

}
