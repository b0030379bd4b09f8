package io.healthmon.server.rest.problem;

import io.healthmon.server.application.ForeignServerException;
import io.healthmon.server.application.InvalidSilenceException;
import io.healthmon.server.application.ServerAlreadyRegisteredException;
import io.healthmon.server.application.UnknownServerException;
import io.healthmon.server.application.UnknownSilenceException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The application's own refusals, each to its status. */
public final class ApplicationExceptionMappers {

    private ApplicationExceptionMappers() {
    }

    @Provider
    public static class ForeignServer implements ExceptionMapper<ForeignServerException> {
        @Override
        public Response toResponse(ForeignServerException e) {
            return Problem.of(Response.Status.FORBIDDEN, "foreign-server", e.getMessage()).toResponse();
        }
    }

    @Provider
    public static class AlreadyRegistered implements ExceptionMapper<ServerAlreadyRegisteredException> {
        @Override
        public Response toResponse(ServerAlreadyRegisteredException e) {
            return Problem.of(Response.Status.CONFLICT, "already-registered", e.getMessage()).toResponse();
        }
    }

    @Provider
    public static class UnknownServer implements ExceptionMapper<UnknownServerException> {
        @Override
        public Response toResponse(UnknownServerException e) {
            return Problem.of(Response.Status.NOT_FOUND, "not-found", e.getMessage()).toResponse();
        }
    }

    @Provider
    public static class UnknownSilence implements ExceptionMapper<UnknownSilenceException> {
        @Override
        public Response toResponse(UnknownSilenceException e) {
            return Problem.of(Response.Status.NOT_FOUND, "not-found", e.getMessage()).toResponse();
        }
    }

    @Provider
    public static class InvalidSilence implements ExceptionMapper<InvalidSilenceException> {
        @Override
        public Response toResponse(InvalidSilenceException e) {
            return Problem.of(Response.Status.BAD_REQUEST, "invalid-silence", e.getMessage())
                    .withErrors(e.violations()).toResponse();
        }
    }
}
