package org.cnlp.server.problem;

/** Carries a {@link Problem} to the REST layer, which turns it into an {@code application/problem+json} response. */
public final class ProblemException extends Exception {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.type().title() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
    }

    public ProblemException(ProblemType type, String detail) {
        this(Problem.of(type, detail));
    }

    public Problem problem() {
        return problem;
    }
}
