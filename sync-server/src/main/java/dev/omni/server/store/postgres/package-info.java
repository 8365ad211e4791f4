/**
 * The metadata store on PostgreSQL (HikariCP, Flyway migrations of its own), for any number of
 * server instances over one database; the same repository interfaces as {@code store.sqlite}.
 */
package dev.omni.server.store.postgres;
