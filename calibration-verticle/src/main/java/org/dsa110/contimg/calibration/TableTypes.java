package org.dsa110.contimg.calibration;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The table types a deployment registers, in the order the converter applies them, and those an
 * observation cannot be calibrated without. The specification names K, BP and G; the existing
 * pipeline also writes BA, GA, GP, 2G and FLUX, so both lists are configuration ({@code
 * calibration.table_types}, {@code calibration.required_types}).
 */
record TableTypes(List<String> inApplyOrder, Set<String> required) {
  private static final Pattern NAME = Pattern.compile("[A-Z0-9]{1,16}");

  TableTypes {
    if (inApplyOrder.isEmpty()) {
      throw new IllegalArgumentException("calibration.table_types names no table type");
    }
    Set<String> seen = new LinkedHashSet<>();
    for (String type : inApplyOrder) {
      if (!NAME.matcher(type).matches()) {
        throw new IllegalArgumentException(
            "calibration.table_types: '" + type + "' is not 1-16 capital letters or digits");
      }
      if (!seen.add(type)) {
        throw new IllegalArgumentException("calibration.table_types names " + type + " twice");
      }
    }
    if (required.isEmpty() || !seen.containsAll(required)) {
      throw new IllegalArgumentException(
          "calibration.required_types "
              + required
              + " must be some of calibration.table_types "
              + inApplyOrder);
    }
    inApplyOrder = List.copyOf(inApplyOrder);
    required = Set.copyOf(required);
  }

  boolean known(String type) {
    return inApplyOrder.contains(type);
  }

  /** Where the type is applied: its default {@code order_index}, and the order of an apply list. */
  int position(String type) {
    int position = inApplyOrder.indexOf(type);
    return position < 0 ? inApplyOrder.size() : position;
  }

  /** The required types in application order. */
  List<String> requiredInOrder() {
    List<String> ordered = new ArrayList<>();
    inApplyOrder.stream().filter(required::contains).forEach(ordered::add);
    return ordered;
  }
}
