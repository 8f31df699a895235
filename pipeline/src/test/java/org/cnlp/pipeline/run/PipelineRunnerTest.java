package org.cnlp.pipeline.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.uima.analysis_engine.AnalysisEngineProcessException;
import org.apache.uima.fit.component.JCasAnnotator_ImplBase;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.cnlp.pipeline.input.SourceDocument;
import org.cnlp.type.DocumentMetadata;
import org.cnlp.type.Token;
import org.junit.jupiter.api.Test;

class PipelineRunnerTest {

    /** Marks each whitespace-separated word; fails on the word "boom". */
    public static final class WordAnnotator extends JCasAnnotator_ImplBase {
        @Override
        public void process(JCas jcas) throws AnalysisEngineProcessException {
            var m = java.util.regex.Pattern.compile("\\S+").matcher(jcas.getDocumentText());
            while (m.find()) {
                if (m.group().equals("boom")) {
                    throw new AnalysisEngineProcessException(new IllegalStateException("engine failure"));
                }
                new Token(jcas, m.start(), m.end()).addToIndexes();
            }
        }
    }

    private static PipelineRunner runner(int instances) throws Exception {
        return PipelineRunner.create(AnalysisEngineFactory.createEngineDescription(WordAnnotator.class), instances);
    }

    @Test
    void reusedCasesCarryNothingOverBetweenDocuments() throws Exception {
        try (PipelineRunner runner = runner(1)) {
            int first = runner.process(SourceDocument.ofText("a", "test", "one two three"), jcas -> JCasUtil.select(jcas, Token.class).size());
            int second = runner.process(SourceDocument.ofText("b", "test", "four"), jcas -> JCasUtil.select(jcas, Token.class).size());
            String id = runner.process(SourceDocument.ofText("c", "test", "x"),
                    jcas -> JCasUtil.selectSingle(jcas, DocumentMetadata.class).getDocumentId());
            assertEquals(3, first);
            assertEquals(1, second);
            assertEquals("c", id);
        }
    }

    @Test
    void concurrentCallersGetTheirOwnResults() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (PipelineRunner runner = runner(2)) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 1; i <= 200; i++) {
                String text = "w ".repeat(i % 17 + 1);
                results.add(pool.submit(() -> runner.process(SourceDocument.ofText("d", "test", text),
                        jcas -> JCasUtil.select(jcas, Token.class).size())));
            }
            for (int i = 1; i <= 200; i++) {
                assertEquals(i % 17 + 1, results.get(i - 1).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void failuresNameTheDocumentAndTheCasGoesBackToThePool() throws Exception {
        try (PipelineRunner runner = runner(1)) {
            PipelineException engine = assertThrows(PipelineException.class,
                    () -> runner.process(SourceDocument.ofText("note-9", "test", "a boom b"), jcas -> 0));
            assertTrue(engine.getMessage().startsWith("note-9: annotation failed"), engine.getMessage());
            PipelineException handler = assertThrows(PipelineException.class,
                    () -> runner.process(SourceDocument.ofText("note-10", "test", "fine"), jcas -> {
                        throw new java.io.IOException("disk full");
                    }));
            assertTrue(handler.getMessage().contains("note-10"), handler.getMessage());
            int words = runner.process(SourceDocument.ofText("ok", "test", "fine"), jcas -> JCasUtil.select(jcas, Token.class).size());
            assertEquals(1, words);
        }
    }
}
