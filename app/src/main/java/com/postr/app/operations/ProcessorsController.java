package com.postr.app.operations;

import com.postr.app.audit.AuditLog;
import com.postr.app.web.error.ApiError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.function.Consumer;

/** This node's event processors: their progress and lag, and stop, start and reset, each in the audit log. */
@RestController
@RequestMapping("/api/v1/admin/processors")
@Tag(name = "Operations")
class ProcessorsController {

    private final ProcessorAdmin processors;
    private final AuditLog log;

    ProcessorsController(ProcessorAdmin processors, AuditLog log) {
        this.processors = processors;
        this.log = log;
    }

    @GetMapping
    @Operation(summary = "Every event processor of this node: kind, status, segments with owner node and "
            + "position, the event store's head, lag in events and seconds, and a replay's progress and ETA")
    ProcessorAdmin.Overview list() {
        return processors.overview();
    }

    @GetMapping("/{name}")
    @Operation(summary = "One event processor of this node")
    @ApiResponse(responseCode = "200", description = "The processor")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: no such processor on this node",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    ProcessorAdmin.View one(@PathVariable String name) {
        return processors.one(name);
    }

    @PostMapping("/{name}/stop")
    @Operation(summary = "Stop the processor on this node (its segments are released to other nodes)")
    @ApiResponse(responseCode = "202", description = "Stopped")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    ResponseEntity<ProcessorAdmin.View> stop(@PathVariable String name) {
        return change(name, "stop", processors::stop);
    }

    @PostMapping("/{name}/start")
    @Operation(summary = "Start the processor on this node")
    @ApiResponse(responseCode = "202", description = "Started")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    ResponseEntity<ProcessorAdmin.View> start(@PathVariable String name) {
        return change(name, "start", processors::start);
    }

    @PostMapping("/{name}/reset")
    @Operation(summary = "Replay the processor from the first event: it stops, its read model is emptied by its "
            + "reset handler, and it starts again; follow the replay with GET",
            description = "While it replays, the read model it feeds is incomplete. Processors that cannot replay "
                    + "(sagas) answer 409; side-effecting handlers (emails, payment calls) skip replayed events.")
    @ApiResponse(responseCode = "202", description = "Replaying")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409", description = "INVALID_STATE_TRANSITION: the processor cannot be reset",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    ResponseEntity<ProcessorAdmin.View> reset(@PathVariable String name) {
        return change(name, "reset", processors::reset);
    }

    /** An unknown processor is a 404 before anything is logged; the change is logged before it is made. */
    private ResponseEntity<ProcessorAdmin.View> change(String name, String verb, Consumer<String> change) {
        processors.require(name);
        log.recordChange(verb + " event processor", name);
        change.accept(name);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(processors.one(name));
    }
}
