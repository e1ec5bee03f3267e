package dev.flotilla.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerGaugesTest {

  @Test
  void readsG1() {
    assertThat(
            ServerGauges.usedHeap(
                """
                9258:
                garbage-first heap   total reserved 6172672K, committed 393216K, used 11054K [0x0, 0x1)
                 region size 4096K, 3 young (12288K), 1 survivors (4096K)
                """))
        .hasValue(11054L * 1024);
  }

  @Test
  void addsSerialGenerationsAndSkipsSpaces() {
    assertThat(
            ServerGauges.usedHeap(
                """
                DefNew     total 116160K, used 31021K [0x0, 0x1, 0x2)
                 eden space 103296K,  30% used [0x0, 0x1, 0x2)
                Tenured    total 258048K, used 1166K [0x0, 0x1, 0x2)
                 the  space 258048K,   0% used [0x0, 0x1, 0x2)
                """))
        .hasValue((31021L + 1166L) * 1024);
  }

  @Test
  void readsZgcInMegabytes() {
    assertThat(
            ServerGauges.usedHeap(" ZHeap            used 62M, capacity 378M, max capacity 6028M"))
        .hasValue(62L * 1024 * 1024);
  }

  @Test
  void nothingRecognisableIsEmpty() {
    assertThat(ServerGauges.usedHeap("Could not attach")).isEmpty();
  }
}
