package org.dsa110.contimg.deploy;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code completion}: a bash/zsh completion script for every command and option, generated from the
 * commands themselves: {@code source <(java -jar contimg-hub.jar completion)}, or save it under
 * /etc/bash_completion.d.
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = "Print a bash/zsh completion script for contimg-hub.")
final class CompletionCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine()
        .getOut()
        .print(AutoComplete.bash("contimg-hub", spec.parent().commandLine()));
    spec.commandLine().getOut().flush();
  }
}
