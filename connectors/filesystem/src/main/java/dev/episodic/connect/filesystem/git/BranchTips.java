package dev.episodic.connect.filesystem.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;

/** Reads the tips of the local branches selected by names or globs. */
final class BranchTips {

    private BranchTips() {
    }

    /**
     * Branches under {@code refs/heads/} that match a pattern, mapped to their peeled commit id.
     * Order: by the first pattern that selects a branch, then by name; this order is also the
     * preference used to label commits with a branch. HEAD, detached or not, is never a branch.
     */
    static Map<String, String> read(Repository repo, List<String> patterns) {
        TreeMap<String, String> all = new TreeMap<>();
        try {
            for (Ref ref : repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
                Ref peeled = ref.isPeeled() ? ref : repo.getRefDatabase().peel(ref);
                ObjectId id = peeled.getPeeledObjectId() != null ? peeled.getPeeledObjectId() : peeled.getObjectId();
                if (id != null) {
                    all.put(ref.getName().substring(Constants.R_HEADS.length()), id.name());
                }
            }
        } catch (IOException e) {
            throw new GitException("Cannot read branches of " + repo.getDirectory() + ": " + e.getMessage(), e);
        }
        List<Pattern> compiled = new ArrayList<>();
        for (String p : patterns) {
            String name = p.strip();
            if (name.startsWith(Constants.R_HEADS)) {
                name = name.substring(Constants.R_HEADS.length());
            }
            if (!name.isEmpty()) {
                compiled.add(Glob.branch(name));
            }
        }
        Map<String, String> selected = new LinkedHashMap<>();
        for (Pattern p : compiled) {
            all.forEach((name, sha) -> {
                if (p.matcher(name).matches()) {
                    selected.putIfAbsent(name, sha);
                }
            });
        }
        return selected;
    }
}
