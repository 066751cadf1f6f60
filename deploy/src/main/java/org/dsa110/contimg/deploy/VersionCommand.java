package org.dsa110.contimg.deploy;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code version}: the same line as {@code --version}, for scripts that prefer a sub-command. */
@Command(
    name = "version",
    mixinStandardHelpOptions = true,
    description = "Print the build's version.")
final class VersionCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().getOut().println(new VersionProvider().getVersion()[0]);
    spec.commandLine().getOut().flush();
  }
}
