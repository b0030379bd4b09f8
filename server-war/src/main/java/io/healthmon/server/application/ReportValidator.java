package io.healthmon.server.application;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.healthmon.report.MetricsReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.lang.annotation.ElementType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Checks a report against the wire format's constraints and the server's time rules, and names each
 * broken rule by the field's wire name, so a client reads {@code disk_usage[0].percentage}, not a Java
 * property path.
 */
@ApplicationScoped
public class ReportValidator {

    /** Cross-field checks are methods; name the field the operator should look at. */
    private static final Map<String, String> CHECK_FIELDS = Map.of(
            "usedWithinTotal", "used",
            "inodesUsedWithinTotal", "inodes_used");

    Validator validator;

    /**
     * Reports are plain records, not JPA entities: every property is reachable, so the JPA-aware
     * traversable resolver the container installs (which asks the persistence provider about each
     * property, work on every request that finds nothing: docs/decisions/0004) is replaced.
     */
    @Inject
    void useFactory(ValidatorFactory factory) {
        validator = factory.usingContext().traversableResolver(new EverythingReachable()).getValidator();
    }

    /** Every property is reachable and cascadable. */
    static final class EverythingReachable implements TraversableResolver {
        @Override
        public boolean isReachable(Object bean, Path.Node property, Class<?> rootType, Path pathToProperty, ElementType type) {
            return true;
        }

        @Override
        public boolean isCascadable(Object bean, Path.Node property, Class<?> rootType, Path pathToProperty, ElementType type) {
            return true;
        }
    }

    /** The report's violations, sorted; a report {@link PlainlyValidReport} passes skips Bean Validation. */
    public List<Violation> check(MetricsReport report, Instant now, Duration maxFutureSkew, Instant oldestAccepted) {
        return check(report, !PlainlyValidReport.test(report), now, maxFutureSkew, oldestAccepted);
    }

    /**
     * As {@link #check}, with every report through Bean Validation: the platform's way, kept as the
     * reference the fast path is held to (the push endpoint's reference uses it).
     */
    public List<Violation> checkByBeanValidation(MetricsReport report, Instant now, Duration maxFutureSkew,
                                                 Instant oldestAccepted) {
        return check(report, true, now, maxFutureSkew, oldestAccepted);
    }

    private List<Violation> check(MetricsReport report, boolean validate, Instant now, Duration maxFutureSkew,
                                  Instant oldestAccepted) {
        List<Violation> violations = new ArrayList<>();
        if (validate) {
            for (ConstraintViolation<MetricsReport> v : validator.validate(report)) {
                violations.add(new Violation(wirePath(v.getPropertyPath()), v.getMessage()));
            }
        }
        if (report.timestamp() != null) {
            if (report.timestamp().isAfter(now.plus(maxFutureSkew))) {
                violations.add(new Violation("timestamp", "must not be more than " + maxFutureSkew.toSeconds()
                        + " s ahead of the server's clock (is the agent's clock right?)"));
            }
            if (report.timestamp().isBefore(oldestAccepted)) {
                violations.add(new Violation("timestamp", "is older than the retention period"));
            }
        }
        violations.sort(Comparator.comparing(Violation::field).thenComparing(Violation::rule));
        return violations;
    }

    static String wirePath(Path path) {
        StringBuilder out = new StringBuilder();
        Class<?> type = MetricsReport.class;
        for (Path.Node node : path) {
            if (node.getIndex() != null && out.length() > 0) {
                out.append('[').append(node.getIndex()).append(']');
            }
            String name = node.getName();
            if (name == null || name.startsWith("<")) {
                continue; // container element nodes carry no name of their own
            }
            RecordComponent component = component(type, name);
            String wire = component == null ? CHECK_FIELDS.getOrDefault(name, name) : wireName(component);
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(wire);
            type = component == null ? type : elementType(component);
        }
        return out.toString();
    }

    private static RecordComponent component(Class<?> type, String name) {
        if (type == null || !type.isRecord()) {
            return null;
        }
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.getName().equals(name)) {
                return c;
            }
        }
        return null;
    }

    private static String wireName(RecordComponent component) {
        JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
        if (property == null) {
            property = component.getAnnotation(JsonProperty.class);
        }
        return property != null && !property.value().isEmpty() ? property.value() : component.getName();
    }

    private static Class<?> elementType(RecordComponent component) {
        Type generic = component.getGenericType();
        if (generic instanceof ParameterizedType p && p.getActualTypeArguments().length == 1
                && p.getActualTypeArguments()[0] instanceof Class<?> element) {
            return element;
        }
        return component.getType();
    }
}
