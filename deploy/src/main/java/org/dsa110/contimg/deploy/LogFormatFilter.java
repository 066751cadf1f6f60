package org.dsa110.contimg.deploy;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Lets an appender write only when {@code CONTIMG_LOG_FORMAT} (text by default) names its format,
 * so logback.xml can reference both the text and the JSON appender: naming the chosen one by a
 * variable left the other unreferenced, and logback printed its whole configuration status at every
 * start because of it.
 */
public final class LogFormatFilter extends Filter<ILoggingEvent> {
  private static final String CHOSEN = System.getenv().getOrDefault("CONTIMG_LOG_FORMAT", "text");
  private String format = "text";

  public void setFormat(String format) {
    this.format = format;
  }

  @Override
  public FilterReply decide(ILoggingEvent event) {
    return format.equals(CHOSEN) ? FilterReply.NEUTRAL : FilterReply.DENY;
  }
}
