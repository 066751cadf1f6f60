package org.dsa110.contimg.deploy.legacy;

/**
 * The import cannot start (or go on): said in one line, without a stack trace, and nothing more is
 * written.
 */
final class ImportRefused extends RuntimeException {
  ImportRefused(String message) {
    super(message, null, false, false);
  }
}
