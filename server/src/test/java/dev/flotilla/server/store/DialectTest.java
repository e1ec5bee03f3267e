package dev.flotilla.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DialectTest {

  @Test
  void picksTheDialectFromTheUrl() {
    assertThat(Dialect.of("jdbc:sqlite:/var/lib/flotilla/flotilla.db")).isEqualTo(Dialect.SQLITE);
    assertThat(Dialect.of("jdbc:postgresql://db:5432/fleet")).isEqualTo(Dialect.POSTGRESQL);
  }

  @Test
  void describesWithoutCredentials() {
    assertThat(
            Dialect.POSTGRESQL.describe(
                "jdbc:postgresql://db.internal:5432/fleet?user=flotilla&password=s3cret"))
        .isEqualTo("postgresql://db.internal:5432/fleet");
    assertThat(Dialect.POSTGRESQL.describe("jdbc:postgresql://flotilla:s3cret@db/fleet"))
        .isEqualTo("postgresql://db/fleet");
  }

  @Test
  void rejectsOtherDatabasesWithoutEchoingSecrets() {
    assertThatThrownBy(() -> Dialect.of("jdbc:mysql://db/fleet?password=s3cret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:mysql://db/fleet")
        .hasMessageNotContaining("s3cret");
  }
}
