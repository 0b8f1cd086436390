package dev.nnj.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a type that extensions implement or call. Such types grow only by addition (new methods
 * arrive with defaults), so that extensions compiled against an older nn-api keep working.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Spi {
}
