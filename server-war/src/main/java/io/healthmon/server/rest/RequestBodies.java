package io.healthmon.server.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.healthmon.server.application.Violation;
import io.healthmon.server.rest.problem.JsonProblemMapper;
import io.healthmon.server.rest.problem.Problem;
import io.healthmon.server.rest.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Request bodies as records checked by Bean Validation (their constraints say what each field
 * allows), every violation named in one 400 answer: fields the record does not have, values of the
 * wrong type, values its constraints refuse. Jersey's own validation is off for the whole API
 * (RestApplication), so the resources that take a body ask here.
 */
@ApplicationScoped
public class RequestBodies {

    @Inject
    Validator validator;

    /** The body as a {@code type}, refusing fields the record does not name; 400 {@code problemType} otherwise. */
    public <T extends Record> T read(JsonNode body, Class<T> type, String problemType) {
        List<Violation> violations = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw invalid(problemType, List.of(new Violation("", "the body must be a JSON object")));
        }
        Set<String> fields = fieldsOf(type);
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                violations.add(new Violation(name, "is not a field here; use " + String.join(", ", fields.stream().sorted().toList())));
            }
        }
        T value;
        try {
            value = ApiJson.MAPPER.treeToValue(body, type);
        } catch (JacksonException e) {
            violations.addAll(JsonProblemMapper.problem(e).errors());
            throw invalid(problemType, violations);
        }
        violations.addAll(violationsOf(value));
        if (!violations.isEmpty()) {
            throw invalid(problemType, violations);
        }
        return value;
    }

    /** Checks a body Jersey has already read; 400 {@code problemType} naming each violation. */
    public <T> T check(T value, String problemType) {
        List<Violation> violations = violationsOf(value);
        if (!violations.isEmpty()) {
            throw invalid(problemType, violations);
        }
        return value;
    }

    private List<Violation> violationsOf(Object value) {
        return validator.validate(value).stream()
                .map(v -> new Violation(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Violation::field))
                .toList();
    }

    /** The field as the client wrote it: {@code mountpoints./backup}, not Bean Validation's {@code mountpoints[/backup].<map value>}. */
    private static String fieldOf(ConstraintViolation<?> violation) {
        List<String> parts = new ArrayList<>();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getName() != null && !node.getName().startsWith("<")) {
                parts.add(jsonName(violation.getRootBeanClass(), node.getName()));
            }
            if (node.getKey() != null) {
                parts.add(String.valueOf(node.getKey()));
            } else if (node.getIndex() != null) {
                parts.add(String.valueOf(node.getIndex()));
            }
        }
        return String.join(".", parts);
    }

    private static String jsonName(Class<?> type, String component) {
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                if (c.getName().equals(component)) {
                    return jsonName(c);
                }
            }
        }
        return component;
    }

    /** The name in JSON: {@code @JsonProperty} reaches a record's accessor, not its component. */
    private static String jsonName(RecordComponent component) {
        JsonProperty json = component.getAccessor().getAnnotation(JsonProperty.class);
        return json != null ? json.value() : component.getName();
    }

    private static Set<String> fieldsOf(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RequestBodies::jsonName).collect(Collectors.toSet());
    }

    private static ProblemException invalid(String problemType, List<Violation> violations) {
        Violation first = violations.get(0);
        return new ProblemException(Problem.of(Response.Status.BAD_REQUEST, problemType,
                (first.field().isEmpty() ? "" : first.field() + " ") + first.rule()).withErrors(violations));
    }
}
