/** Small file-system helpers shared by the jobs' local outputs (staging and replacing folders). */
package dev.treue.training.files;
