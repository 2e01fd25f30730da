package com.postr.app.web.gateway;

import com.postr.api.common.EventHistoryResponse;
import com.postr.api.common.FetchEventHistoryQuery;
import com.postr.app.audit.AuditLog;
import com.postr.app.audit.AuditProperties;
import com.postr.app.audit.PersonalData;
import com.postr.app.web.error.ApiException;
import com.postr.identity.Caller;
import com.postr.identity.Role;
import org.springframework.stereotype.Component;

/**
 * An aggregate's stored events, for the {@code /events} sub-resources. Each read is recorded in the audit log;
 * an auditor who is not staff sees personal data masked unless {@code postr.audit.show-personal-data}.
 */
@Component
public class EventHistory {

    private final Queries queries;
    private final AuditLog auditLog;
    private final PersonalData personalData;
    private final AuditProperties properties;

    EventHistory(Queries queries, AuditLog auditLog, PersonalData personalData, AuditProperties properties) {
        this.queries = queries;
        this.auditLog = auditLog;
        this.personalData = personalData;
        this.properties = properties;
    }

    public EventHistoryResponse of(String what, String id) {
        var caller = Caller.current().require(Role.ADMIN, Role.SUPPORT, Role.AUDITOR); // who caused what
        var history = queries.find(new FetchEventHistoryQuery(id), EventHistoryResponse.class)
                .orElseThrow(() -> ApiException.notFound(what, id));
        auditLog.recordRead("read " + what.toLowerCase(java.util.Locale.ROOT) + " events", id);
        if (caller.staff() || properties.showPersonalData()) {
            return history;
        }
        return new EventHistoryResponse(history.aggregateId(), history.events().stream()
                .map(e -> new EventHistoryResponse.Entry(e.sequence(), e.type(), e.occurredAt(),
                        personalData.masked(e.payload()), e.metadata())).toList());
    }
}
