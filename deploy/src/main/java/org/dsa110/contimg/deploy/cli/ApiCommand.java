package org.dsa110.contimg.deploy.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * One request to the running hub and what it answered, printed for an operator. Exit status: 0
 * answered, 1 the hub refused (its status and message on one line), 3 the hub could not be reached.
 */
abstract class ApiCommand implements Callable<Integer> {
  @Mixin ApiOptions options;

  @Spec CommandSpec spec;

  /** What to print, from the hub's answer. */
  abstract String run(HubApi api, Table output) throws HubApi.Refused, HubApi.Unreachable;

  @Override
  public Integer call() {
    try {
      spec.commandLine().getOut().println(run(options.api(), options.output));
      spec.commandLine().getOut().flush();
      return 0;
    } catch (HubApi.Refused e) {
      spec.commandLine().getErr().println("error " + e.status + ": " + e.getMessage());
      spec.commandLine().getErr().flush();
      return 1;
    } catch (HubApi.Unreachable e) {
      spec.commandLine().getErr().println(e.getMessage());
      spec.commandLine().getErr().flush();
      return 3;
    }
  }
}
