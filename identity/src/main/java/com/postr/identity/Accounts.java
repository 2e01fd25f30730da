package com.postr.identity;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Accounts in {@code app_user}: registration, password checks, lookups and staff changes. */
public class Accounts {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");
    private static final String EMAIL_FILTER = "(CAST(? AS text) IS NULL OR email LIKE ?)";
    private static final String COLUMNS = "user_id, email, password_hash, display_name, roles, plan, status, "
            + "created_at, updated_at, last_login_at";
    private static final RowMapper<Account> ROW = (rs, i) -> new Account(rs.getString(1), rs.getString(2),
            rs.getString(3), rs.getString(4), roles(rs.getString(5)), rs.getString(6), rs.getString(7),
            instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9)), instant(rs.getTimestamp(10)));

    private final JdbcTemplate jdbc;
    private final PasswordEncoder passwords;
    private final PasswordPolicy policy;
    private final Clock clock;
    /** Compared against when the email is unknown, so a wrong email costs as long as a wrong password. */
    private final String decoyHash;

    public Accounts(JdbcTemplate jdbc, PasswordEncoder passwords, IdentityProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.policy = new PasswordPolicy(properties.passwordMinLength());
        this.clock = clock;
        this.decoyHash = passwords.encode(UUID.randomUUID().toString());
    }

    /** A new customer account; 409 EMAIL_ALREADY_REGISTERED if the address has one. */
    public Account register(String email, String password, String displayName) {
        return create(email, password, displayName, EnumSet.of(Role.CUSTOMER));
    }

    Account create(String email, String password, String displayName, Set<Role> roles) {
        var normalized = normalize(email);
        if (!EMAIL.matcher(normalized).matches() || normalized.length() > 254) {
            throw IdentityException.invalidField("email", "must be an email address");
        }
        policy.check(password, normalized);
        var now = clock.instant();
        var account = new Account("usr_" + UUID.randomUUID().toString().replace("-", ""), normalized,
                passwords.encode(password), blankToNull(displayName), roles, "standard", Account.ACTIVE, now, now,
                null);
        try {
            jdbc.update("INSERT INTO app_user (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    account.userId(), account.email(), account.passwordHash(), account.displayName(),
                    text(roles), account.plan(), account.status(), Timestamp.from(now), Timestamp.from(now), null);
        } catch (DuplicateKeyException e) {
            throw new IdentityException(IdentityException.Reason.EMAIL_ALREADY_REGISTERED, "An account with this email already exists",
                    Map.of("email", normalized));
        }
        return account;
    }

    /** The account for these credentials; the same 401 for an unknown email, a wrong password or a disabled one. */
    public Account authenticate(String email, String password) {
        var account = findByEmail(email);
        var matches = passwords.matches(password == null ? "" : password,
                account.map(Account::passwordHash).orElse(decoyHash));
        if (account.isEmpty() || !matches || !account.get().active()) {
            throw new IdentityException(IdentityException.Reason.UNAUTHORIZED, "Email or password is wrong, or the account is disabled");
        }
        jdbc.update("UPDATE app_user SET last_login_at = ? WHERE user_id = ?", Timestamp.from(clock.instant()),
                account.get().userId());
        return account.get();
    }

    public Optional<Account> find(String userId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM app_user WHERE user_id = ?", ROW, userId).stream().findFirst();
    }

    public Optional<Account> findByEmail(String email) {
        return jdbc.query("SELECT " + COLUMNS + " FROM app_user WHERE email = ?", ROW, normalize(email)).stream()
                .findFirst();
    }

    public boolean anyWithRole(Role role) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM app_user WHERE status = "
                + "'active' AND (',' || roles || ',') LIKE ?)", Boolean.class, "%," + role.id() + ",%"));
    }

    /** One page (zero-based), newest first, optionally only addresses containing {@code emailPart}. */
    public List<Account> list(String emailPart, int page, int size) {
        return jdbc.query("SELECT " + COLUMNS + " FROM app_user WHERE " + EMAIL_FILTER
                + " ORDER BY created_at DESC, user_id LIMIT ? OFFSET ?", ROW, emailPart, contains(emailPart), size,
                (long) page * size);
    }

    public long count(String emailPart) {
        return jdbc.queryForObject("SELECT count(*) FROM app_user WHERE " + EMAIL_FILTER, Long.class, emailPart,
                contains(emailPart));
    }

    /** A LIKE pattern for addresses containing the text, wildcards in it taken literally; null for any. */
    private static String contains(String emailPart) {
        if (emailPart == null) {
            return null;
        }
        var literal = emailPart.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_");
        return "%" + literal + "%";
    }

    /** Changes what is given (null: unchanged) and answers the account as stored. */
    public Account update(String userId, String displayName, Set<Role> roles, String plan, String status) {
        var sets = new ArrayList<String>();
        var args = new ArrayList<Object>();
        if (displayName != null) {
            sets.add("display_name = ?");
            args.add(blankToNull(displayName));
        }
        if (roles != null) {
            sets.add("roles = ?");
            args.add(text(roles));
        }
        if (plan != null) {
            sets.add("plan = ?");
            args.add(plan);
        }
        if (status != null) {
            sets.add("status = ?");
            args.add(status);
        }
        sets.add("updated_at = ?");
        args.add(Timestamp.from(clock.instant()));
        args.add(userId);
        if (jdbc.update("UPDATE app_user SET " + String.join(", ", sets) + " WHERE user_id = ?", args.toArray()) == 0) {
            throw IdentityException.notFound("User", userId);
        }
        return find(userId).orElseThrow();
    }

    static String normalize(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    private static String text(Set<Role> roles) {
        return roles.stream().map(Role::id).sorted().collect(Collectors.joining(","));
    }

    private static Set<Role> roles(String text) {
        return Arrays.stream(text.split(",")).map(Role::parse).flatMap(Optional::stream)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
