package org.dsa110.contimg.deploy;

import org.dsa110.contimg.common.config.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the build's version, the same one /health/live and /metrics report. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"contimg-hub " + BuildInfo.version()};
  }
}
