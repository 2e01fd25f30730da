package com.postr.app.operations;

import com.postr.api.audit.ReconcileProjectionsQuery;
import com.postr.api.audit.ReconciliationReport;
import com.postr.app.audit.AuditLog;
import com.postr.app.web.gateway.Queries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Read models against the event store, for a nightly check or an operator in doubt. */
@RestController
@Tag(name = "Operations")
class ReconciliationController {

    private final Queries queries;
    private final AuditLog log;

    ReconciliationController(Queries queries, AuditLog log) {
        this.queries = queries;
        this.log = log;
    }

    @GetMapping("/api/v1/admin/reconciliation")
    @Operation(summary = "Compare every projection with the events it has handled, aggregate by aggregate",
            description = "In one database snapshot: for each aggregate, the last event a projection has handled "
                    + "(its token's position) against the version its row records. A projection that is only "
                    + "behind shows no difference; aggregates parked in its dead-letter queue are counted apart. "
                    + "It reads every event once per projection: run it off-peak.")
    ReconciliationReport reconcile() {
        log.recordRead("reconcile projections", "read models");
        return queries.ask(new ReconcileProjectionsQuery(), ReconciliationReport.class);
    }
}
