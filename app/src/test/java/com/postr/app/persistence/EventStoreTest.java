package com.postr.app.persistence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.postr.api.catalog.ProductDiscontinuedEvent;
import com.postr.api.catalog.ProductId;
import com.postr.app.support.Concurrently;
import com.postr.app.support.HttpClient;
import com.postr.app.support.Users;
import com.postr.app.support.PostrIntegrationTest;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.UUID;

import static com.postr.app.support.Products.registration;
import static com.postr.app.support.Products.uniqueSku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the event store on PostgreSQL guarantees: its column types, serialization, ordering and locking. */
@PostrIntegrationTest
class EventStoreTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventStore eventStore;
    @Autowired
    Configuration axon;
    @Autowired
    Environment environment;

    @Test
    void keepsEverySerializedColumnInByteaAndNoneInLargeObjects() {
        var oidColumns = jdbc.queryForList("""
                select table_name || '.' || column_name from information_schema.columns
                where table_schema = 'public' and udt_name = 'oid'""", String.class);
        assertThat(oidColumns).isEmpty();

        var serializedColumns = jdbc.queryForList("""
                select table_name || '.' || column_name || ':' || udt_name from information_schema.columns
                where table_schema = 'public'
                  and column_name in ('payload', 'meta_data', 'token', 'serialized_saga', 'diagnostics')""",
                String.class);
        assertThat(serializedColumns).hasSize(10).allSatisfy(column -> assertThat(column).endsWith(":bytea"));
    }

    @Test
    void createsTheSchemaWithFlywayAndHibernateOnlyValidatesIt() {
        assertThat(environment.getProperty("spring.jpa.hibernate.ddl-auto")).isEqualTo("validate");
        var migrations = jdbc.queryForList(
                "select script from flyway_schema_history where success order by installed_rank", String.class);
        assertThat(migrations).contains("V2026.11.21.1__axon_infrastructure.sql",
                "V2026.11.21.2__product_sku_registry.sql", "V2026.11.21.3__catalog_read_model.sql");
    }

    @Test
    void serializesEventsTokensAndMessagesWithJacksonOnly() throws Exception {
        assertThat(axon.serializer()).isInstanceOf(JacksonSerializer.class);
        assertThat(axon.eventSerializer()).isInstanceOf(JacksonSerializer.class);
        assertThat(axon.messageSerializer()).isInstanceOf(JacksonSerializer.class);
        assertThatThrownBy(() -> Class.forName("com.thoughtworks.xstream.XStream"))
                .isInstanceOf(ClassNotFoundException.class);

        var http = Users.admin(port);
        var id = http.post("/api/v1/products", registration("Json", "c", uniqueSku("JSON")))
                .json().get("product_id").asText();
        var payload = jdbc.queryForObject(
                "select convert_from(payload, 'UTF8') from domain_event_entry where aggregate_identifier = ?",
                String.class, id);
        var json = new ObjectMapper().readTree(payload);
        assertThat(json.get("title").asText()).isEqualTo("Json");
        assertThat(json.at("/variants/0/price/amount").decimalValue()).isEqualByComparingTo("29.99");
        assertThat(json.has("positive")).isFalse();

        var token = jdbc.queryForMap("""
                select token_type, convert_from(token, 'UTF8') as token from token_entry
                where processor_name = 'catalog' and token is not null limit 1""");
        assertThat(token.get("token_type").toString()).endsWith("GapAwareTrackingToken");
        assertThat(new ObjectMapper().readTree(token.get("token").toString()).has("index")).isTrue();
    }

    @Test
    void handsOutGlobalIndexesWithoutGapsUnderConcurrentAppends() throws Exception {
        var http = Users.admin(port);
        int writers = 24;
        var ids = Concurrently.run(writers, i -> http.post("/api/v1/products",
                registration("Concurrent " + i, "c", uniqueSku("GAP" + i))).json().get("product_id").asText());

        var indexes = jdbc.queryForList("select global_index from domain_event_entry where aggregate_identifier in ("
                + String.join(",", ids.stream().map(id -> "'" + id + "'").toList()) + ") order by global_index",
                Long.class);
        assertThat(indexes).hasSize(writers);
        assertThat(indexes.get(writers - 1) - indexes.get(0)).as("contiguous: %s", indexes).isEqualTo(writers - 1);
    }

    @Test
    void detectsTwoWritersOfTheSameAggregateVersion() {
        var aggregate = "prod_" + UUID.randomUUID().toString().replace("-", "");
        var payload = new ProductDiscontinuedEvent(new ProductId(aggregate), null);
        eventStore.publish(new GenericDomainEventMessage<>("Product", aggregate, 0, payload));

        assertThatThrownBy(() -> eventStore.publish(new GenericDomainEventMessage<>("Product", aggregate, 0, payload)))
                .isInstanceOf(AggregateStreamCreationException.class);

        eventStore.publish(new GenericDomainEventMessage<>("Product", aggregate, 1, payload));
        assertThatThrownBy(() -> eventStore.publish(new GenericDomainEventMessage<>("Product", aggregate, 1, payload)))
                .isInstanceOf(ConcurrencyException.class);
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                Integer.class, aggregate)).isEqualTo(2);
    }
}
