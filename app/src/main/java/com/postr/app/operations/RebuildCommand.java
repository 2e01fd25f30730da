package com.postr.app.operations;

import com.postr.api.projection.FetchProjectionRebuildQuery;
import com.postr.api.projection.ProjectionRebuild;
import com.postr.api.projection.StartProjectionRebuildCommand;
import com.postr.app.PostrApplication;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar postr-commerce.jar rebuild order-history [--spring.datasource.url=...]}: rebuilds a projection
 * against the configured database, blue/green as the API does, printing a progress bar with the rate and the time
 * left, and exits when it is done (0 when the new version took over). This process serves nothing and handles no
 * events itself; the nodes that serve pick the new version and its position up.
 */
public final class RebuildCommand {

    private static final int BAR = 30;

    private RebuildCommand() {
    }

    public static int run(String[] args, PrintStream out) {
        if (args.length < 2 || args[1].startsWith("--")) {
            out.println("usage: java -jar postr-commerce.jar rebuild <projection> [--spring.datasource.url=...]");
            return 2;
        }
        var projection = args[1];
        var springArgs = Arrays.copyOfRange(args, 2, args.length);
        try (var context = new SpringApplicationBuilder(PostrApplication.class).web(WebApplicationType.NONE)
                .properties("postr.node.command=false", "postr.node.sagas=false", "db-scheduler.enabled=false",
                        "spring.main.banner-mode=off")
                .run(springArgs)) {
            context.getBean(EventProcessingConfiguration.class).eventProcessors().values()
                    .forEach(EventProcessor::shutDown);
            ProjectionRebuild rebuild;
            try {
                rebuild = context.getBean(CommandGateway.class).sendAndWait(
                        new StartProjectionRebuildCommand(projection));
            } catch (CommandExecutionException refused) {
                out.println("rebuild refused: " + refused.getMessage());
                return 1;
            }
            var queries = context.getBean(QueryGateway.class);
            while (List.of("RUNNING", "SWITCHING").contains(rebuild.status())) {
                out.print("\r" + line(rebuild));
                out.flush();
                TimeUnit.SECONDS.sleep(1);
                rebuild = queries.query(new FetchProjectionRebuildQuery(projection, rebuild.id()),
                        ResponseTypes.instanceOf(ProjectionRebuild.class)).join();
            }
            out.println("\r" + line(rebuild));
            if (rebuild.error() != null) {
                out.println("error: " + rebuild.error());
            }
            return rebuild.status().equals("COMPLETED") ? 0 : 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** {@code [#########.....]  45.2%  52,310 events/s  ETA 0:12  RUNNING}. */
    static String line(ProjectionRebuild rebuild) {
        int filled = (int) Math.round(rebuild.progressPercent() / 100.0 * BAR);
        var eta = rebuild.etaSeconds() == null ? "--:--"
                : String.format(Locale.ROOT, "%d:%02d", rebuild.etaSeconds() / 60, rebuild.etaSeconds() % 60);
        return String.format(Locale.ROOT, "[%s%s] %5.1f%%  %,.0f events/s  %,d events  ETA %s  %s",
                "#".repeat(filled), ".".repeat(BAR - filled), rebuild.progressPercent(), rebuild.eventsPerSecond(),
                rebuild.eventsApplied(), eta, rebuild.status());
    }
}
