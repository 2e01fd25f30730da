package com.postr.query.rebuild;

import jakarta.persistence.Column;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import org.hibernate.Session;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.format.jackson.JacksonJsonFormatMapper;
import org.postgresql.PGConnection;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes new rows of a JPA entity with PostgreSQL's {@code COPY}, in the current transaction: for a rebuild, where
 * Hibernate's inserts (copying each JSON attribute for its dirty checks, binding every parameter) cost more than
 * PostgreSQL's work. Columns follow the entity's mapping as this codebase writes it: snake_case field names or
 * {@code @Column(name)}, enums by name, JSON attributes through Hibernate's own JSON mapper, so the rows read back
 * exactly as Hibernate would have written them.
 */
public final class BulkCopy<E> {

    private final String sql;
    private final List<Function<E, String>> columns;

    private BulkCopy(String table, List<String> names, List<Function<E, String>> columns) {
        this.sql = "COPY " + table + " (" + String.join(", ", names) + ") FROM STDIN";
        this.columns = columns;
    }

    /** The copy of an entity's table; its unqualified name follows the transaction's search_path. */
    public static <E> BulkCopy<E> of(Class<E> entity, EntityManager entityManager) {
        var json = entityManager.getEntityManagerFactory().unwrap(SessionFactoryImplementor.class)
                .getSessionFactoryOptions().getJsonFormatMapper();
        var names = new ArrayList<String>();
        var columns = new ArrayList<Function<E, String>>();
        for (Field field : entity.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) || Modifier.isTransient(field.getModifiers())
                    || field.isAnnotationPresent(Transient.class)) {
                continue;
            }
            field.setAccessible(true);
            var column = field.getAnnotation(Column.class);
            names.add(column != null && !column.name().isEmpty() ? column.name() : snakeCase(field.getName()));
            Function<Object, String> text;
            var type = field.getAnnotation(JdbcTypeCode.class);
            if (type != null && type.value() == SqlTypes.JSON) {
                if (!(json instanceof JacksonJsonFormatMapper jackson)) {
                    throw new IllegalStateException("Bulk copies need Hibernate's Jackson JSON mapper, not " + json);
                }
                var generic = field.getGenericType();
                text = value -> jackson.toString(value, generic);
            } else if (field.getType().isEnum()) {
                var enumerated = field.getAnnotation(Enumerated.class);
                boolean byName = enumerated != null && enumerated.value() == EnumType.STRING;
                text = value -> byName ? ((Enum<?>) value).name() : String.valueOf(((Enum<?>) value).ordinal());
            } else if (field.getType() == BigDecimal.class) {
                text = value -> ((BigDecimal) value).toPlainString();
            } else {
                text = Object::toString; // strings, numbers, booleans, Instant in ISO-8601
            }
            columns.add(row -> {
                try {
                    var value = field.get(row);
                    return value == null ? null : text.apply(value);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        var table = entity.getAnnotation(Table.class);
        return new BulkCopy<>(table != null && !table.name().isEmpty() ? table.name() : snakeCase(entity.getSimpleName()),
                names, columns);
    }

    /** Writes the rows through the transaction's connection. */
    public void copy(EntityManager entityManager, Collection<E> rows) {
        if (rows.isEmpty()) {
            return;
        }
        var text = new StringBuilder(rows.size() * 512);
        for (var row : rows) {
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    text.append('\t');
                }
                escape(columns.get(i).apply(row), text);
            }
            text.append('\n');
        }
        var bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        entityManager.unwrap(Session.class).doWork(connection -> {
            try {
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new ByteArrayInputStream(bytes));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** COPY's text format: {@code \N} for null, backslash escapes for the separators. */
    private static void escape(String value, StringBuilder into) {
        if (value == null) {
            into.append("\\N");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> into.append("\\\\");
                case '\t' -> into.append("\\t");
                case '\n' -> into.append("\\n");
                case '\r' -> into.append("\\r");
                default -> into.append(c);
            }
        }
    }

    /** Spring's physical naming: {@code shippingAddress} is {@code shipping_address}. */
    private static String snakeCase(String name) {
        return name.chars().mapToObj(c -> Character.isUpperCase(c)
                        ? "_" + Character.toLowerCase((char) c) : String.valueOf((char) c))
                .collect(Collectors.joining()).replaceFirst("^_", "").toLowerCase(Locale.ROOT);
    }
}
