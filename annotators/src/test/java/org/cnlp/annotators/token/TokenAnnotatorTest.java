package org.cnlp.annotators.token;

import static org.apache.uima.fit.pipeline.SimplePipeline.runPipeline;
import static org.apache.uima.fit.util.JCasUtil.select;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.jcas.JCas;
import org.cnlp.annotators.internal.CapabilityAssert;
import org.cnlp.type.Token;
import org.junit.jupiter.api.Test;

class TokenAnnotatorTest {

    @Test
    void createsTokensWithNormAndKind() throws Exception {
        JCas jcas = JCasFactory.createText("Non-small-cell cancer, 2.5 mg; Sjögren's 95%.");
        runPipeline(jcas, TokenAnnotator.description());
        List<Token> tokens = List.copyOf(select(jcas, Token.class));
        assertEquals(List.of("Non", "-", "small", "-", "cell", "cancer", ",", "2.5", "mg", ";", "Sjögren", "'", "s",
                "95", "%", "."), tokens.stream().map(Token::getCoveredText).toList());
        assertEquals(List.of("non", "-", "small", "-", "cell", "cancer", ",", "2.5", "mg", ";", "sjogren", "'", "s",
                "95", "%", "."), tokens.stream().map(Token::getNorm).toList());
        assertEquals(List.of("WORD", "PUNCT", "WORD", "PUNCT", "WORD", "WORD", "PUNCT", "NUMBER", "WORD", "PUNCT",
                "WORD", "PUNCT", "WORD", "NUMBER", "SYMBOL", "PUNCT"), tokens.stream().map(Token::getKind).toList());
    }

    @Test
    void keepsHyphenatedWordsWhenAsked() throws Exception {
        JCas jcas = JCasFactory.createText("non-small-cell");
        runPipeline(jcas, TokenAnnotator.description(false));
        assertEquals(List.of("non-small-cell"), select(jcas, Token.class).stream().map(Token::getCoveredText).toList());
    }

    @Test
    void emptyDocumentHasNoTokens() throws Exception {
        JCas jcas = JCasFactory.createText("  \n ");
        runPipeline(jcas, TokenAnnotator.description());
        assertEquals(0, select(jcas, Token.class).size());
    }

    @Test
    void declaredCapabilitiesMatchOutput() throws Exception {
        CapabilityAssert.assertOutputsMatch(TokenAnnotator.description(), JCasFactory.createText("Fever 38.5 C."));
    }
}
