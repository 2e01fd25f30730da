package com.postr.app.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module boundaries: command side and query side never meet, sagas speak only the api, the api is plain
 * Java, identity knows nothing of the shop, and the app sees of the other modules only what they publish. Each rule is also run against a deliberately violating class, to prove it can fail.
 */
class ArchitectureTest {

    static final ArchRule COMMAND_SIDE_IGNORES_QUERY_SIDE = noClasses()
            .that().resideInAPackage("com.postr.command..")
            .should().dependOnClassesThat().resideInAnyPackage("com.postr.query..", "com.postr.saga..",
                    "com.postr.app..");

    static final ArchRule QUERY_SIDE_IGNORES_COMMAND_SIDE = noClasses()
            .that().resideInAPackage("com.postr.query..")
            .should().dependOnClassesThat().resideInAnyPackage("com.postr.command..", "com.postr.saga..",
                    "com.postr.app..");

    static final ArchRule SAGAS_SEE_ONLY_THE_API = noClasses()
            .that().resideInAPackage("com.postr.saga..")
            .should().dependOnClassesThat().resideInAnyPackage("com.postr.command..", "com.postr.query..",
                    "com.postr.app..")
            .allowEmptyShould(true); // the checkout saga arrives with its own issue

    static final ArchRule API_IS_PLAIN_JAVA = noClasses()
            .that().resideInAPackage("com.postr.api..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..",
                    "javax.persistence..", "org.hibernate..", "com.fasterxml.jackson..", "com.postr.command..",
                    "com.postr.query..", "com.postr.saga..", "com.postr.app..");

    /** Identity says who is calling; it knows nothing of carts, orders or anything else of the shop. */
    static final ArchRule IDENTITY_KNOWS_NOTHING_OF_THE_SHOP = noClasses()
            .that().resideInAPackage("com.postr.identity..")
            .should().dependOnClassesThat().resideInAnyPackage("com.postr.api..", "com.postr.command..",
                    "com.postr.query..", "com.postr.saga..", "com.postr.app..");

    /**
     * The edge speaks api messages and asks identity who is calling; of the other modules it sees only what they
     * publish for the assembly (command-side's settings and node lease), never their internals.
     */
    static final ArchRule APP_SEES_ONLY_WHAT_MODULES_PUBLISH = noClasses()
            .that().resideInAPackage("com.postr.app..")
            .should().dependOnClassesThat(resideInAPackage("com.postr.command..")
                    .and(not(resideInAPackage("com.postr.command.spi..")))
                    .or(resideInAnyPackage("com.postr.query..", "com.postr.saga..")));

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.postr");
        assertThat(production.containPackage("com.postr.command.catalog")).isTrue();
        assertThat(production.containPackage("com.postr.query.catalog")).isTrue();
        assertThat(production.containPackage("com.postr.api.catalog")).isTrue();
        assertThat(production.containPackage("com.postr.identity")).isTrue();
    }

    @Test
    void commandSideDoesNotDependOnQuerySide() {
        COMMAND_SIDE_IGNORES_QUERY_SIDE.check(production);
    }

    @Test
    void querySideDoesNotDependOnCommandSide() {
        QUERY_SIDE_IGNORES_COMMAND_SIDE.check(production);
    }

    @Test
    void sagasReachNothingButTheApi() {
        SAGAS_SEE_ONLY_THE_API.check(production);
    }

    @Test
    void apiDependsOnNeitherSpringNorJpaNorJackson() {
        API_IS_PLAIN_JAVA.check(production);
    }

    @Test
    void identityKnowsNothingOfTheShop() {
        IDENTITY_KNOWS_NOTHING_OF_THE_SHOP.check(production);
    }

    @Test
    void appSeesOnlyWhatTheOtherModulesPublish() {
        APP_SEES_ONLY_WHAT_MODULES_PUBLISH.check(production);
    }

    @Test
    void everyRuleCatchesAViolation() {
        var violators = new ClassFileImporter().importClasses(
                com.postr.command.archviolation.CommandUsingQuerySide.class,
                com.postr.query.archviolation.QueryUsingCommandSide.class,
                com.postr.saga.archviolation.SagaUsingCommandSide.class,
                com.postr.api.archviolation.ApiUsingSpring.class,
                com.postr.identity.archviolation.IdentityUsingCarts.class,
                com.postr.app.archviolation.AppUsingCommandSideInternals.class);
        assertThat(COMMAND_SIDE_IGNORES_QUERY_SIDE.evaluate(violators).hasViolation()).isTrue();
        assertThat(QUERY_SIDE_IGNORES_COMMAND_SIDE.evaluate(violators).hasViolation()).isTrue();
        assertThat(SAGAS_SEE_ONLY_THE_API.evaluate(violators).hasViolation()).isTrue();
        assertThat(API_IS_PLAIN_JAVA.evaluate(violators).hasViolation()).isTrue();
        assertThat(IDENTITY_KNOWS_NOTHING_OF_THE_SHOP.evaluate(violators).hasViolation()).isTrue();
        assertThat(APP_SEES_ONLY_WHAT_MODULES_PUBLISH.evaluate(violators).hasViolation()).isTrue();
    }
}
