package com.postr.app.operations;

import com.postr.api.projection.CancelProjectionRebuildCommand;
import com.postr.api.projection.FetchProjectionRebuildQuery;
import com.postr.api.projection.ProjectionRebuild;
import com.postr.api.projection.StartProjectionRebuildCommand;
import com.postr.app.audit.AuditLog;
import com.postr.app.web.error.ApiError;
import com.postr.app.web.error.ApiException;
import com.postr.app.web.gateway.Commands;
import com.postr.app.web.gateway.Queries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/**
 * Blue/green rebuilds of a projection: a new version of its read model is built beside the serving one, which
 * answers queries meanwhile, and takes its place in one transaction once it has caught up.
 */
@RestController
@RequestMapping("/api/v1/admin/projections/{name}/rebuilds")
@Tag(name = "Operations")
class ProjectionRebuildsController {

    private final Commands commands;
    private final Queries queries;
    private final AuditLog log;

    ProjectionRebuildsController(Commands commands, Queries queries, AuditLog log) {
        this.commands = commands;
        this.queries = queries;
        this.log = log;
    }

    @PostMapping
    @Operation(summary = "Start rebuilding the projection into a new version of its tables",
            description = "The serving version keeps answering (and keeps being updated) until the new one has "
                    + "caught up with the event store; then they switch in one transaction. Follow it with GET. "
                    + "Projections that can be rebuilt this way: order-history.")
    @ApiResponse(responseCode = "202", description = "Started")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: no projection of that name can be rebuilt",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409", description = "INVALID_STATE_TRANSITION: a rebuild of it is running",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    ResponseEntity<ProjectionRebuild> start(@PathVariable String name) {
        log.recordChange("rebuild projection", name);
        ProjectionRebuild started = commands.send(new StartProjectionRebuildCommand(name));
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/admin/projections/" + name + "/rebuilds/" + started.id()))
                .body(started);
    }

    @GetMapping("/{id}")
    @Operation(summary = "A rebuild's status, progress, rate and time left")
    @ApiResponse(responseCode = "200", description = "The rebuild")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    ProjectionRebuild one(@PathVariable String name, @PathVariable String id) {
        return queries.find(new FetchProjectionRebuildQuery(name, id), ProjectionRebuild.class)
                .orElseThrow(() -> ApiException.notFound("Rebuild", id));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Cancel a running rebuild: what it built is dropped, the serving version is untouched")
    @ApiResponse(responseCode = "200", description = "Cancelled")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409", description = "INVALID_STATE_TRANSITION: it has finished or is switching",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    ProjectionRebuild cancel(@PathVariable String name, @PathVariable String id) {
        one(name, id); // 404 before anything is logged
        log.recordChange("cancel projection rebuild", name + "/" + id);
        return commands.send(new CancelProjectionRebuildCommand(name, id));
    }
}
