package org.dsa110.contimg.deploy.legacy;

/**
 * The layouts the existing pipeline's code wrote (see ../shared/legacy), as the report names them.
 */
enum Layout {
  OCTOBER_2025("four files, late October 2025 (layout-c636)"),
  NOVEMBER_2025("four files, late November 2025 (layout-c2158)"),
  UNIFIED("one pipeline.sqlite3, December 2025 (layout-unified-pipeline)"),
  SPECIFICATION("the schema specification's own layout");

  private final String description;

  Layout(String description) {
    this.description = description;
  }

  String description() {
    return description;
  }
}
