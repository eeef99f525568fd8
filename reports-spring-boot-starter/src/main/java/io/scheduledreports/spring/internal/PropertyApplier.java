package io.scheduledreports.spring.internal;

import io.scheduledreports.spi.ReportsValidationException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Applies one property at a time, turning the library's validation errors into errors naming the property. */
final class PropertyApplier {

    private PropertyApplier() {}

    static <T> void apply(String property, T value, Consumer<? super T> setter) {
        try {
            setter.accept(value);
        } catch (ReportsValidationException e) {
            throw new InvalidPropertyException(property, InvalidPropertyException.problemOf(e), e);
        }
    }

    static <T> T get(String property, Supplier<T> factory) {
        try {
            return factory.get();
        } catch (ReportsValidationException e) {
            throw new InvalidPropertyException(property, InvalidPropertyException.problemOf(e), e);
        }
    }
}
