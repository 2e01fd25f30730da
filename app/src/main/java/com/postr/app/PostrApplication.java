package com.postr.app;

import com.postr.app.operations.RebuildCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class PostrApplication {

    public static void main(String[] args) {
        // Axon's update checker phones home at start-up; a shop's servers should not, unless asked to.
        if (System.getProperty("axoniq.update-checker.disabled") == null
                && System.getenv("AXONIQ_UPDATE_CHECKER_DISABLED") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        if (args.length > 0 && args[0].equals("rebuild")) {
            System.exit(RebuildCommand.run(args, System.out));
        }
        SpringApplication.run(PostrApplication.class, args);
    }
}
