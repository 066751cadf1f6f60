package org.dsa110.contimg.calibration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The apply-list rules as plain Java: what the converter gets at an MJD, type by type. */
class ApplyListTest {
  private static final TableTypes TYPES =
      new TableTypes(
          List.of("K", "BA", "BP", "GA", "GP", "G", "2G", "FLUX"), Set.of("K", "BP", "G"));
  private static final double HALF_DAY = 0.5;

  private final List<RegisteredTable> registry = new ArrayList<>();

  private void add(String set, String type, double start, double end) {
    long id = registry.size() + 1;
    registry.add(
        new RegisteredTable(
            id,
            1_700_000_000.0 + id,
            new CalTable(
                set, "/cal/" + set + "." + type, type, TYPES.position(type), start, end, true),
            Double.POSITIVE_INFINITY));
  }

  /**
   * Open-ended tables as the repository hands them over: each knows where the next of its type
   * begins.
   */
  private List<RegisteredTable> active() {
    return registry.stream()
        .map(
            t ->
                t.openEnded()
                    ? new RegisteredTable(
                        t.id(),
                        t.createdAt(),
                        t.table(),
                        registry.stream()
                            .filter(o -> o.type().equals(t.type()) && o.start() > t.start())
                            .mapToDouble(RegisteredTable::start)
                            .min()
                            .orElse(Double.POSITIVE_INFINITY))
                    : t)
        .toList();
  }

  private ApplyList at(double mjd) {
    return ApplyList.at(mjd, active(), TYPES, HALF_DAY);
  }

  private static List<String> sources(ApplyList list) {
    return list.tables().stream().map(c -> c.table().type() + "<-" + c.table().setName()).toList();
  }

  @Test
  void aNewerSetHoldingOnlyABandpassReplacesThatTypeAndKeepsTheOthers() {
    add("complete", "K", 60000, 60010);
    add("complete", "BP", 60000, 60010);
    add("complete", "G", 60000, 60010);
    add("bandpass_only", "BP", 60004, 60006);

    ApplyList list = at(60005);
    assertThat(sources(list)).containsExactly("K<-complete", "BP<-bandpass_only", "G<-complete");
    assertThat(list.complete()).isTrue();
    assertThat(list.toJson().getString("set_name"))
        .as("the newest set that contributed")
        .isEqualTo("bandpass_only");
    assertThat(list.toJson().getJsonArray("sets").getList())
        .containsExactly("complete", "bandpass_only");
  }

  @Test
  void aLoneBandpassIsNeverPresentedAsComplete() {
    add("bandpass_only", "BP", 60004, 60006);
    ApplyList list = at(60005);
    assertThat(sources(list)).containsExactly("BP<-bandpass_only");
    assertThat(list.complete()).isFalse();
    assertThat(list.missing()).containsExactly("K", "G");
    assertThat(list.toJson().getBoolean("complete")).isFalse();
  }

  @Test
  void fallbackIsChosenTypeByTypeAndATypeBeyondReachIsNamedMissing() {
    add("early", "K", 60000, 60004.8);
    add("early", "BP", 60000, 60004.8);
    add("earlier", "G", 60000, 60004.0);

    ApplyList list = at(60005);
    assertThat(sources(list)).containsExactly("K<-early", "BP<-early");
    assertThat(list.tables()).allMatch(ApplyList.Choice::fallback);
    assertThat(list.tables().get(0).distanceDays())
        .isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(list.missing()).as("G ends 1 day away, beyond the 12 h reach").containsExactly("G");
    assertThat(list.toJson().getDouble("distance_hours"))
        .isCloseTo(4.8, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void anOpenEndedTableHoldsUntilALaterTableOfItsTypeBegins() {
    add("standing", "K", 60000, CalTable.OPEN_END_MJD);
    add("standing", "BP", 60000, CalTable.OPEN_END_MJD);
    add("standing", "G", 60000, CalTable.OPEN_END_MJD);
    add("day", "G", 60010, 60011);

    assertThat(sources(at(60005))).containsExactly("K<-standing", "BP<-standing", "G<-standing");
    assertThat(sources(at(60010.5))).containsExactly("K<-standing", "BP<-standing", "G<-day");
    ApplyList after = at(60020);
    assertThat(after.missing())
        .as("the open G was superseded at 60010; the day's G ended at 60011")
        .containsExactly("G");
    assertThat(sources(after)).containsExactly("K<-standing", "BP<-standing");
  }

  @Test
  void theWindowIncludesBothEdgesOfARegisteredEndAndTheSuccessorsStartOfAnOpenOne() {
    add("a", "K", 60000, 60001);
    add("open", "BP", 60000, CalTable.OPEN_END_MJD);
    add("next", "BP", 60001, CalTable.OPEN_END_MJD);
    assertThat(sources(ApplyList.at(60001, active(), TYPES, 0)))
        .containsExactly("K<-a", "BP<-next");
    assertThat(sources(ApplyList.at(60000, active(), TYPES, 0)))
        .containsExactly("K<-a", "BP<-open");
  }

  @Test
  void coverageCountsOnlyCompleteListsAsCoveredAndHasNoEmptyIntervals() {
    add("k", "K", 60000, 60010);
    add("bp", "BP", 60000, 60010);
    add("g", "G", 60002, 60004);
    Coverage coverage = Coverage.ofRequired(60000, 60012, active(), TYPES);
    assertThat(coverage.covered()).containsExactly(new double[] {60002, 60004});
    assertThat(coverage.partial())
        .containsExactly(new double[] {60000, 60002}, new double[] {60004, 60010});
    assertThat(coverage.missing()).containsExactly(new double[] {60010, 60012});
    assertThat(coverage.gaps())
        .containsExactly(new double[] {60000, 60002}, new double[] {60004, 60012});

    Coverage atTheEnd = Coverage.ofRequired(60010, 60011, active(), TYPES);
    assertThat(atTheEnd.covered()).as("a range starting where the windows end").isEmpty();
    assertThat(atTheEnd.partial()).isEmpty();
    assertThat(atTheEnd.missing()).containsExactly(new double[] {60010, 60011});
    assertThat(Coverage.ofType(60000, 60012, active(), "BP").covered())
        .containsExactly(new double[] {60000, 60010});
  }
}
