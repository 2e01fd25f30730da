# Builds and runs the one deployable. docker-compose.yml uses it with PostgreSQL and Axon Server.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY api api
COPY command-side command-side
COPY query-side query-side
COPY sagas sagas
COPY identity identity
COPY app app
COPY bench bench
RUN ./mvnw -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 postr
USER postr
WORKDIR /app
COPY --from=build /src/app/target/postr-commerce.jar app.jar
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
