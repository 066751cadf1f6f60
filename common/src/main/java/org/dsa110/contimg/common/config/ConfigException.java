package org.dsa110.contimg.common.config;

/**
 * A configuration value that cannot be used; the message names the key and its environment
 * variable.
 */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message, null, false, false);
  }
}
