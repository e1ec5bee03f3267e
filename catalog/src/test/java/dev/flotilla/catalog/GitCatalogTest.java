package dev.flotilla.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class GitCatalogTest {
  @TempDir Path repoDir;
  @TempDir Path cache;
  Git git;
  ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  @BeforeEach
  void repo() throws Exception {
    git = Git.init().setDirectory(repoDir.toFile()).setInitialBranch("main").call();
  }

  @AfterEach
  void close() {
    scheduler.shutdownNow();
    git.close();
  }

  private RevCommit commit(String author, String message, String... pathsAndTexts)
      throws Exception {
    for (int i = 0; i < pathsAndTexts.length; i += 2) {
      Path p = repoDir.resolve(pathsAndTexts[i]);
      Files.createDirectories(p.getParent());
      Files.writeString(p, pathsAndTexts[i + 1]);
    }
    git.add().addFilepattern(".").call();
    PersonIdent who = new PersonIdent(author, author + "@example.org");
    return git.commit().setMessage(message).setAuthor(who).setCommitter(who).call();
  }

  private Catalog catalog(String url, String branch, Duration refresh) {
    return Catalog.of(
        CatalogSettings.of(
            List.of(),
            List.of(new CatalogSettings.Repository(url, branch, List.of(), List.of(), refresh))),
        cache,
        JsonMapper.builder().build(),
        Clock.systemUTC());
  }

  @Test
  void readsTheBranchHeadWithCommitInfo() throws Exception {
    RevCommit first =
        commit(
            "Ada",
            "edge config",
            "fluent-bit/edge.conf",
            "# config_version: 3\n# tags: edge\n@INCLUDE outputs.conf\n[INPUT]\n    Name cpu\n",
            "fluent-bit/outputs.conf",
            "[OUTPUT]\n    Name stdout\n    Match *\n");
    RevCommit second =
        commit(
            "Grace", "fluentd config", "fluentd/td.conf", "<match **>\n  @type stdout\n</match>\n");
    git.branchCreate().setName("staging").call();
    git.checkout().setName("staging").call();
    commit("Linus", "staging only", "fluent-bit/staging.conf", "[INPUT]\n    Name mem\n");
    git.checkout().setName("main").call();
    // an uncommitted file is not in the catalog
    Files.writeString(repoDir.resolve("fluent-bit/dirty.conf"), "[INPUT]\n    Name cpu\n");

    Catalog c = catalog(repoDir.toString(), "main", Duration.ZERO);
    c.refresh();

    assertThat(c.sources())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.revision()).isEqualTo(second.getName());
              assertThat(s.error()).isNull();
              assertThat(s.name()).endsWith("@main");
            });
    assertThat(c.entries())
        .extracting(CatalogEntry::path)
        .containsExactly("fluent-bit/edge.conf", "fluentd/td.conf");
    CatalogEntry edge = c.entries().get(0);
    assertThat(edge.configVersion()).isEqualTo("3");
    assertThat(edge.files())
        .extracting(CatalogEntry.BundleFile::name)
        .containsExactly("edge.conf", "outputs.conf");
    assertThat(edge.lastChange().commit()).isEqualTo(first.getName());
    assertThat(edge.lastChange().author()).isEqualTo("Ada");
    assertThat(edge.lastChange().message()).isEqualTo("edge config");
    assertThat(edge.revision()).isEqualTo(second.getName());
    assertThat(c.entries().get(1).lastChange().author()).isEqualTo("Grace");
    assertThat(c.entries().get(1).engine()).isEqualTo("fluentd");

    Catalog staging = catalog(repoDir.toString(), "staging", Duration.ZERO);
    staging.refresh();
    assertThat(staging.entries())
        .extracting(CatalogEntry::path)
        .contains("fluent-bit/staging.conf");
  }

  @Test
  void cloneUrlIsFetchedAndTheScheduleSeesNewCommits() throws Exception {
    commit("Ada", "first", "a.conf", "[INPUT]\n    Name cpu\n");
    Catalog c = catalog(repoDir.toUri().toString(), "main", Duration.ofMillis(100));
    c.start(scheduler);
    await().atMost(Duration.ofSeconds(20)).until(() -> c.entries().size() == 1);

    RevCommit next = commit("Grace", "second", "b.conf", "[INPUT]\n    Name mem\n");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertThat(c.entries())
                  .extracting(CatalogEntry::path)
                  .containsExactly("a.conf", "b.conf");
              assertThat(c.sources().get(0).revision()).isEqualTo(next.getName());
            });
    CatalogEntry b = c.entries().get(1);
    assertThat(b.lastChange().author()).isEqualTo("Grace");
    c.close();
  }

  @Test
  void aMissingBranchIsReportedNotThrown() throws Exception {
    commit("Ada", "first", "a.conf", "[INPUT]\n    Name cpu\n");
    Catalog c = catalog(repoDir.toString(), "nope", Duration.ZERO);
    assertThat(c.refresh()).singleElement().satisfies(s -> assertThat(s.error()).contains("nope"));
    assertThat(c.entries()).isEmpty();
  }
}
