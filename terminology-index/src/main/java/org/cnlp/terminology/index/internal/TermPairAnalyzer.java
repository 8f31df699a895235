package org.cnlp.terminology.index.internal;

import java.io.Reader;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.KeywordRepeatFilter;
import org.apache.lucene.analysis.miscellaneous.RemoveDuplicatesTokenFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The {@link StemAnalyzer} chain with each content word emitted twice at the same position: first as
 * written (a keyword, as {@link TokenAnalyzer} gives it), then stemmed when the stem differs. Lets
 * {@link NameTerms} pair every token with its stem for scoring; never used to index.
 */
public final class TermPairAnalyzer extends Analyzer {

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer tokenizer = new StandardTokenizer();
        TokenStream stream = new ASCIIFoldingFilter(tokenizer);
        stream = new LowerCaseFilter(stream);
        stream = new EnglishPossessiveFilter(stream);
        stream = new StopFilter(stream, NameStopWords.set());
        stream = new KeywordRepeatFilter(stream);
        stream = new EnglishMinimalStemFilter(stream);
        stream = new RemoveDuplicatesTokenFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    }

    @Override
    protected Reader initReader(String fieldName, Reader reader) {
        return new MappingCharFilter(GreekLetters.charMap(), reader);
    }
}
