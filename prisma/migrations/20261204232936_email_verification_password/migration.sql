-- AlterTable
ALTER TABLE "EmailVerificationToken" ADD COLUMN     "passwordHash" TEXT;
